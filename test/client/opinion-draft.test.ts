import { cases } from '@/shared/contracts/case';
import { parseInput } from '@/shared/contract';
import { type AppError, ErrorCodes } from '@/shared/errors';
import {
  checkDraft,
  createDraftStore,
  DRAFT_STORAGE_KEY,
  emptyDraft,
  hasWriting,
  placeOfQuery,
  similarQuery,
  submissionOf,
  submitErrorMessage,
  withPlace,
  type OpinionDraft,
} from '@/lib/opinion-draft';
import { newRequestId } from '@/lib/request-id';
import type { KeyValueStorage } from '@/lib/elder-mode';

const FILE = 'cloud://lianxin-local.6c69/uploads/o_x/1-ab.png';

function memoryStorage(): KeyValueStorage & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: (key) => (data.has(key) ? data.get(key) : ''), set: (key, value) => void data.set(key, value) };
}

/** A draft a resident could send: studio, category, title and content filled in. */
function complete(extra: Partial<OpinionDraft> = {}): OpinionDraft {
  return { ...emptyDraft(newRequestId()), studioId: 'studio-donghu', category: 'help', title: '路灯不亮', content: '3号楼门口的路灯坏了', ...extra };
}

describe('the request id of a draft', () => {
  it('is a version-4 UUID that the submit contract accepts', () => {
    const id = newRequestId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(checkDraft(complete({ requestId: id }))).toEqual({});
  });

  it('comes from the random source it is given, so two drafts never share one', () => {
    const zeros = newRequestId((bytes) => bytes.fill(0));
    expect(zeros).toBe('00000000-0000-4000-8000-000000000000');
    expect(newRequestId()).not.toBe(newRequestId());
  });

  it('survives leaving the page: the stored draft comes back with the same id, so a retry is the same submission', () => {
    const storage = memoryStorage();
    const draft = complete({ photos: [FILE], name: '王阿姨' });
    createDraftStore(storage).save(draft);
    expect(createDraftStore(storage).load()).toEqual(draft);
  });

  it('is gone once the draft is cleared after success, and the next draft gets a new one', () => {
    const storage = memoryStorage();
    const store = createDraftStore(storage);
    store.save(complete());
    store.clear();
    expect(store.load()).toBeNull();
  });
});

describe('restoring a draft', () => {
  it('drops whatever else storage holds (nothing stored, an old shape, a broken request id)', () => {
    const storage = memoryStorage();
    const store = createDraftStore(storage);
    expect(store.load()).toBeNull();
    storage.set(DRAFT_STORAGE_KEY, { title: 'x' });
    expect(store.load()).toBeNull();
    storage.set(DRAFT_STORAGE_KEY, { ...complete(), requestId: 'bad id!' });
    expect(store.load()).toBeNull();
  });

  it('keeps a paper form typed in by staff apart from the resident’s own draft', () => {
    const storage = memoryStorage();
    createDraftStore(storage, 'lianxin.paperDraft').save(complete({ title: '纸质表' }));
    expect(createDraftStore(storage).load()).toBeNull();
  });

  it('knows when there is writing worth telling the resident about', () => {
    expect(hasWriting(emptyDraft(newRequestId()))).toBe(false);
    expect(hasWriting({ ...emptyDraft(newRequestId()), photos: [FILE] })).toBe(true);
  });
});

describe('the place printed on a QR code', () => {
  it('fills in the studio and the service point, over what the stored draft said', () => {
    const draft = complete({ studioId: 'studio-xishan', servicePointId: '' });
    expect(withPlace(draft, { studio: 'studio-donghu', point: 'point-donghu-sq' })).toMatchObject({ studioId: 'studio-donghu', servicePointId: 'point-donghu-sq', title: '路灯不亮' });
  });

  it('leaves the draft’s place alone when the form was opened without one', () => {
    const draft = complete({ servicePointId: 'point-donghu-sq' });
    expect(withPlace(draft, {})).toBe(draft);
  });
});

describe('where the form was opened for', () => {
  it('takes ?studio= and ?point= from the app’s own links', () => {
    expect(placeOfQuery({ studio: 'studio-donghu', point: 'point-donghu-sq' })).toEqual({ studio: 'studio-donghu', point: 'point-donghu-sq' });
    expect(placeOfQuery({ studio: 'studio-donghu' })).toEqual({ studio: 'studio-donghu' });
  });

  it('reads a studio’s scanned code: ?scene= arrives URI-encoded (s%3D…) and names the studio', () => {
    expect(placeOfQuery({ scene: 's%3Dstudio-donghu' })).toEqual({ studio: 'studio-donghu' });
    expect(withPlace(complete({ studioId: 'studio-xishan' }), placeOfQuery({ scene: 's%3Dstudio-donghu' }))).toMatchObject({ studioId: 'studio-donghu', servicePointId: '' });
  });

  it('reads a service point’s scanned code as the point alone (its studio is looked up), already-decoded scenes too', () => {
    expect(placeOfQuery({ scene: 'p%3Dpoint-donghu-sq' })).toEqual({ point: 'point-donghu-sq' });
    expect(placeOfQuery({ scene: 'p=point-donghu-sq' })).toEqual({ point: 'point-donghu-sq' });
    // Without its studio the point cannot be filled in yet: the draft keeps its place until the lookup answers.
    const draft = complete();
    expect(withPlace(draft, placeOfQuery({ scene: 'p%3Dpoint-donghu-sq' }))).toBe(draft);
  });

  it('ignores a scene that is not one of ours, or malformed, and prefers ?studio= when both are given', () => {
    for (const scene of ['', 'x%3D1', 'hello', '%E4%B8%9C', '%zz', `s%3D${'a'.repeat(40)}`]) expect(placeOfQuery({ scene })).toEqual({});
    expect(placeOfQuery({ studio: 'studio-xishan', scene: 's%3Dstudio-donghu' })).toEqual({ studio: 'studio-xishan' });
  });
});

describe('what the form sends', () => {
  it('leaves out name, phone, service point and location when they were not given', () => {
    const sent = submissionOf(complete({ name: '  ', phone: '' }));
    expect(sent).not.toHaveProperty('contact');
    expect(sent).not.toHaveProperty('servicePointId');
    expect(sent).not.toHaveProperty('location');
    expect(sent.contactVisibleToDeputy).toBe(false);
  });

  it('sends only the contact parts the resident filled in, with their choice about deputies', () => {
    const sent = submissionOf(complete({ name: ' 王阿姨 ', phone: '', contactVisibleToDeputy: true }));
    expect(sent.contact).toEqual({ name: '王阿姨' });
    expect(sent.contactVisibleToDeputy).toBe(true);
  });
});

describe('checking the form with the submit contract’s own schema', () => {
  it('passes a complete form, photos and location included', () => {
    expect(checkDraft(complete({ photos: [FILE], location: { latitude: 30.55, longitude: 114.37 }, phone: '138 1234 5678' }))).toEqual({});
  });

  it('names each missing field with the contract’s words', () => {
    const problems = checkDraft({ ...emptyDraft(newRequestId()), studioId: 'studio-donghu' });
    expect(problems.category).toBe('请选择意见类别');
    expect(problems.title).toBe('请填写标题');
    expect(problems.content).toBe('请填写内容');
  });

  it('puts a wrong phone number under the phone field, not under “contact”', () => {
    expect(checkDraft(complete({ phone: '12345' })).phone).toBe('请填写正确的手机号或带区号的固定电话');
  });

  it('refuses a tenth photo and an over-long title, as the cloud would', () => {
    const problems = checkDraft(complete({ photos: Array.from({ length: 10 }, (_, i) => `${FILE}${i}`), title: '长'.repeat(51) }));
    expect(problems.photos).toBe('最多 9 张图片');
    expect(problems.title).toBe('标题不能超过 50 字');
  });

  it('gives exactly what the transport’s own check of the submit contract gives', () => {
    const draft = complete({ title: '', phone: 'x', photos: ['not-a-file'] });
    let fields: Record<string, string> = {};
    try {
      parseInput(cases.submit, submissionOf(draft));
    } catch (error) {
      fields = ((error as AppError).details as { fields: Record<string, string> }).fields;
    }
    expect(Object.keys(fields).sort()).toEqual(['contact.phone', 'photos.0', 'title']);
    expect(checkDraft(draft)).toEqual({ title: fields.title, phone: fields['contact.phone'], photos: fields['photos.0'] });
  });
});

describe('what a failed submit says', () => {
  it('after a timeout, tells the resident that submitting again will not file it twice', () => {
    expect(submitErrorMessage({ code: ErrorCodes.NETWORK_TIMEOUT, message: '网络不给力，请求超时了，请稍后再试' })).toBe(
      '网络不给力，请求超时了，请稍后再试。再点一次“提交”不会重复提交。',
    );
  });

  it('shows the rate limit and the content check in the cloud’s own plain words', () => {
    expect(submitErrorMessage({ code: ErrorCodes.RATE_LIMITED, message: '提交太频繁了，请稍后再试' })).toBe('提交太频繁了，请稍后再试');
    expect(submitErrorMessage({ code: ErrorCodes.CONTENT_RISKY, message: '内容可能含有不当信息，请修改后再提交' })).toBe('内容可能含有不当信息，请修改后再提交');
  });
});

describe('asking for 我也遇到 while typing', () => {
  it('waits until a studio, a category and a few words are there', () => {
    expect(similarQuery(complete({ category: '' }))).toBeNull();
    expect(similarQuery(complete({ title: '路灯', content: '' }))).toBeNull();
    expect(similarQuery(complete({ title: ' 路灯不亮 ', content: '' }))).toEqual({ studioId: 'studio-donghu', category: 'help', title: '路灯不亮', content: '' });
  });
});
