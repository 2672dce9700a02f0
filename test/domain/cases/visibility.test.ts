/** What each viewer sees of a case: residents, the handling and other deputies, admins in and out of scope. */
import type { CaseDoc, CaseEventDoc } from '../../../src/shared/cases/model';
import { ErrorCodes } from '../../../src/shared/errors';
import {
  canRead,
  contactReadEvent,
  similarSummary,
  viewCase,
  viewerRole,
  type Viewer,
} from '../../../cloud/src/domain/cases/visibility';
import { ACTORS, DAY, NOW, REPORTER_PHONE, caseIn, event, outcome, type ActorKey } from './fixtures';

const viewer = (key: ActorKey, revealContact = false): Viewer => {
  const { openid, roles } = ACTORS[key]();
  return { openid, roles, revealContact };
};

/** The history of case-1 up to a rating by the follower, plus a staff read and an event of another case. */
function history(): CaseEventDoc[] {
  return [
    event({ _id: 'e1', type: 'submit', byOpenid: 'o-reporter', byName: '王阿姨', byRole: 'resident', to: 'submitted', at: NOW - 9 }),
    event({ _id: 'e2', type: 'join', byOpenid: 'o-follower', byName: '赵师傅', byRole: 'resident', at: NOW - 8 }),
    event({
      _id: 'e3',
      type: 'assign',
      byOpenid: 'o-admin',
      byName: '街道管理员',
      byRole: 'admin',
      from: 'submitted',
      to: 'assigned',
      at: NOW - 7,
      data: { handler: { studioId: 'studio-1', deputyOpenid: 'o-deputy', deputyName: '李代表' }, deadline: '2026-09-24' },
    }),
    event({ _id: 'e4', type: 'note', byOpenid: 'o-deputy', byName: '李代表', byRole: 'deputy', internal: true, note: '物业经理说明天修', at: NOW - 6 }),
    event({ _id: 'e5', type: 'reply', byOpenid: 'o-deputy', byName: '李代表', byRole: 'deputy', note: '已联系物业', at: NOW - 5 }),
    event({ _id: 'e6', type: 'rate', byOpenid: 'o-follower', byName: '赵师傅', byRole: 'resident', data: { attitude: 2, solved: 'partly' }, at: NOW - 4 }),
    event({ _id: 'e7', type: 'read_contact', byOpenid: 'o-admin', byRole: 'admin', internal: true, at: NOW - 3 }),
    event({ _id: 'x1', caseId: 'case-2', type: 'note', byOpenid: 'o-deputy', byRole: 'deputy', note: '别的案件', at: NOW - 2 }),
  ];
}

const rated = (fields: Partial<CaseDoc> = {}) => caseIn('rated', fields);

describe('who may read a case', () => {
  test.each([
    ['reporter', true],
    ['follower', true],
    ['stranger', false],
    ['handler', true],
    ['studioDeputy', true],
    ['otherStudioDeputy', false],
    ['adminInScope', true],
    ['adminOutOfScope', false],
  ] as const)('the %s may read: %s', (key, expected) => {
    expect(canRead(caseIn('assigned'), viewer(key))).toBe(expected);
  });

  test('a resident cannot read another resident’s case', () => {
    expect(outcome(() => viewCase(caseIn('assigned'), history(), viewer('stranger')))).toBe(ErrorCodes.AUTH_FORBIDDEN);
  });

  test('a deputy cannot read a case of another studio, until it is transferred to theirs', () => {
    expect(outcome(() => viewCase(caseIn('assigned'), history(), viewer('otherStudioDeputy')))).toBe(ErrorCodes.AUTH_FORBIDDEN);
    const transferred = caseIn('assigned', { handler: { studioId: 'studio-2', deputyOpenid: 'o-deputy-9' } });
    expect(canRead(transferred, viewer('otherStudioDeputy'))).toBe(true);
  });

  test('someone who is both admin in scope and the reporter reads as admin', () => {
    const both: Viewer = { openid: 'o-reporter', roles: { deputyStudioIds: [], adminOrgIds: ['d1'] } };
    expect(viewerRole(caseIn('assigned'), both)).toBe('admin');
  });
});

describe('what residents see', () => {
  test('the reporter sees their own contact in full, the timeline without internal notes or staff reads', () => {
    const view = viewCase(rated(), history(), viewer('reporter'));
    expect(view).toMatchObject({ as: 'resident', isReporter: true, isFollower: true, followerCount: 2, stateLabel: '已评价' });
    expect(view.contact).toEqual({ name: '王阿姨', phone: REPORTER_PHONE });
    expect(view.events.map((e) => e._id)).toEqual(['e1', 'e2', 'e3', 'e5', 'e6']);
    expect(view.events[0]).toMatchObject({ mine: true, byOpenid: 'o-reporter' });
  });

  test('no other person’s openid reaches a resident: not followers, not the deputy, not the rater', () => {
    const view = viewCase(rated(), history(), viewer('reporter'));
    const text = JSON.stringify(view);
    for (const openid of ['o-follower', 'o-deputy', 'o-admin']) expect(text).not.toContain(openid);
    expect(view.followers).toBeUndefined();
    expect(view.reply).toEqual({ text: '已联系物业，路灯明天更换。', photos: [], at: NOW - 8 * DAY, byName: '李代表' });
    expect(view.handler).toEqual({ studioId: 'studio-1', deputyName: '李代表' });
    expect(view.events.find((e) => e._id === 'e3')).toMatchObject({ byName: '街道管理员', data: { handler: { studioId: 'studio-1', deputyName: '李代表' } } });
    expect(view.events.find((e) => e._id === 'e6')).not.toHaveProperty('byName');
  });

  test('a follower reads the public summary only: never the reporter’s words, photos, place, contact, receipt or steps', () => {
    const doc = rated({
      content: '我家住3单元502，门口路灯坏了',
      photos: ['cloud://env/uploads/lamp.jpg'],
      location: { latitude: 30.5, longitude: 114.3, address: '幸福小区3单元' },
      reply: { text: '已联系物业，路灯明天更换。', photos: ['cloud://env/reply-door.jpg'], at: NOW - DAY, byOpenid: 'o-deputy', byName: '李代表' },
    });
    const view = viewCase(doc, history(), viewer('follower'));
    expect(view).toMatchObject({ as: 'follower', isReporter: false, isFollower: true, title: '3号楼路灯不亮', stateLabel: '已评价' });
    expect(view.reply).toEqual({ text: '已联系物业，路灯明天更换。', at: NOW - DAY, byName: '李代表' });
    const text = JSON.stringify(view);
    const secrets = [REPORTER_PHONE, '王阿姨', 'o-reporter', 'o-deputy', '502', 'lamp.jpg', 'reply-door.jpg', '幸福小区3单元', '114.3', doc.receiptNo, '物业经理'];
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(view.rating).toBeUndefined();
    // Public steps without residents' words; the reporter's submit is theirs alone.
    expect(view.events.map((e) => [e._id, e.type])).toEqual([['e2', 'join'], ['e3', 'assign'], ['e5', 'reply']]);
    expect(view.events.find((e) => e._id === 'e3')).toMatchObject({ byName: '街道管理员', data: { handler: { studioId: 'studio-1', deputyName: '李代表' }, deadline: '2026-09-24' } });
  });

  test('a follower sees their own rating, not the reporter’s', () => {
    const doc = rated({ followerRatings: [{ follower: 1, attitude: 2, solved: 'partly', at: NOW - 1, round: 0 }] });
    const own = event({ _id: 'e9', type: 'co_rate', byOpenid: 'o-follower', byRole: 'resident', internal: true, data: { attitude: 2, solved: 'partly' }, at: NOW - 1 });
    const view = viewCase(doc, [...history(), own], viewer('follower'));
    expect(view).toMatchObject({ myRating: { attitude: 2, solved: 'partly', at: NOW - 1 } });
    expect(view.events.at(-1)).toMatchObject({ _id: 'e9', mine: true, data: { attitude: 2, solved: 'partly' } });
    expect(viewCase(doc, [...history(), own], viewer('reporter')).events.map((e) => e._id)).not.toContain('e9');
  });

  test('asking to reveal the contact changes nothing for residents', () => {
    expect(viewCase(rated(), history(), viewer('follower', true))).not.toHaveProperty('contact');
    expect(viewCase(rated(), history(), viewer('reporter', true)).contactRevealed).toBe(false);
  });
});

describe('what deputies see', () => {
  test('when the resident chose anonymity, no contact and no trace of who the residents are', () => {
    for (const key of ['handler', 'studioDeputy'] as const) {
      const view = viewCase(rated(), history(), viewer(key, true));
      expect(view).toMatchObject({ as: 'deputy', contactHidden: true, contactRevealed: false });
      expect(view.contact).toBeUndefined();
      expect(view.reporterOpenid).toBeUndefined();
      const text = JSON.stringify(view);
      for (const secret of [REPORTER_PHONE, '138****5678', '王阿姨', '赵师傅', 'o-reporter', 'o-follower']) {
        expect(text).not.toContain(secret);
      }
    }
  });

  test('deputies see internal notes but not staff contact reads', () => {
    const view = viewCase(rated(), history(), viewer('handler'));
    expect(view.events.map((e) => e._id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    expect(view.events.find((e) => e._id === 'e4')).toMatchObject({ internal: true, note: '物业经理说明天修', mine: true });
  });

  test('deputies never see a rating nor who rated, even when the resident let deputies see their contact', () => {
    const ratedByReporter = history().map((e) => (e._id === 'e6' ? { ...e, byOpenid: 'o-reporter', byName: '王阿姨' } : e));
    const coRating = event({ _id: 'e9', type: 'co_rate', byOpenid: 'o-follower', byRole: 'resident', internal: true, data: { attitude: 1, solved: 'no' } });
    const doc = rated({ contactVisibleToDeputy: true, followerRatings: [{ follower: 1, attitude: 1, solved: 'no', at: NOW, round: 0 }] });
    for (const key of ['handler', 'studioDeputy'] as const) {
      const view = viewCase(doc, [...ratedByReporter, coRating], viewer(key));
      expect(view.rating).toBeUndefined();
      expect(view.followerRatings).toBeUndefined();
      const rating = view.events.find((e) => e._id === 'e6');
      expect(rating).toEqual(expect.objectContaining({ type: 'rate', byRole: 'resident' }));
      for (const field of ['data', 'byOpenid', 'byName', 'note']) expect(rating).not.toHaveProperty(field);
      expect(view.events.map((e) => e._id)).not.toContain('e9');
    }
  });

  test('a reopened case tells the deputy the new deadline, not the stars', () => {
    const reopen = event({ _id: 'e9', type: 'reopen', byOpenid: 'o-reporter', byRole: 'resident', from: 'replied', to: 'assigned', data: { attitude: 1, solved: 'no', handlerOpenid: 'o-deputy', deadline: '2026-10-10' } });
    const view = viewCase(caseIn('assigned'), [reopen], viewer('handler'));
    expect(view.events[0].data).toEqual({ deadline: '2026-10-10' });
  });

  test('when the resident allowed it, deputies see the contact with the phone masked and who reported', () => {
    const view = viewCase(rated({ contactVisibleToDeputy: true }), history(), viewer('handler'));
    expect(view).toMatchObject({ contactHidden: false, contactRevealed: false, reporterOpenid: 'o-reporter' });
    expect(view.contact).toEqual({ name: '王阿姨', phone: '138****5678' });
    expect(view.events.find((e) => e._id === 'e1')).toMatchObject({ byOpenid: 'o-reporter', byName: '王阿姨' });
    expect(JSON.stringify(view)).not.toContain('o-follower');
  });

  test('revealing the phone to call back shows it in full and tells the caller to audit the read', () => {
    const view = viewCase(rated({ contactVisibleToDeputy: true }), history(), viewer('handler', true));
    expect(view.contact).toEqual({ name: '王阿姨', phone: REPORTER_PHONE });
    expect(view.contactRevealed).toBe(true);
  });
});

describe('what admins see', () => {
  test('everything, with the phone masked unless revealed', () => {
    const view = viewCase(rated({ intakeByOpenid: 'o-deputy' }), history(), viewer('adminInScope'));
    expect(view).toMatchObject({
      as: 'admin',
      contact: { name: '王阿姨', phone: '138****5678' },
      contactRevealed: false,
      followers: ['o-reporter', 'o-follower'],
      reporterOpenid: 'o-reporter',
      intakeByOpenid: 'o-deputy',
    });
    expect(view.events.map((e) => e._id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
    expect(view.events.find((e) => e._id === 'e6')).toMatchObject({ byOpenid: 'o-follower' });
  });

  test('a revealed phone is shown in full and the audit line records who read it', () => {
    const view = viewCase(rated(), history(), viewer('adminInScope', true));
    expect(view.contact?.phone).toBe(REPORTER_PHONE);
    expect(view.contactRevealed).toBe(true);
    expect(contactReadEvent(rated(), { ...viewer('adminInScope'), name: '街道管理员' }, NOW)).toEqual({
      caseId: 'case-1',
      type: 'read_contact',
      from: 'rated',
      to: 'rated',
      byOpenid: 'o-admin',
      byName: '街道管理员',
      byRole: 'admin',
      note: '查看联系方式',
      internal: true,
      at: NOW,
    });
  });

  test('a case without contact reveals nothing and needs no audit', () => {
    const view = viewCase(rated({ contact: undefined }), history(), viewer('adminInScope', true));
    expect(view.contact).toBeUndefined();
    expect(view.contactRevealed).toBe(false);
  });
});

test('the 我也遇到 summary of someone else’s case carries no content, photos or people', () => {
  expect(similarSummary(caseIn('in_progress'))).toEqual({
    _id: 'case-1',
    category: 'help',
    title: '3号楼路灯不亮',
    state: 'in_progress',
    stateLabel: '办理中',
    followerCount: 2,
    createdAt: NOW - DAY,
  });
});
