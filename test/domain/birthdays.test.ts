/**
 * 政治生日: who has one today (anniversary of the join date, from the first one, 29 February joiners on 28 February in
 * common years, only members in good standing), how many years it is, and the day's message built from it.
 */
import { anniversaryMonthDays, birthdayMessageBody, DEFAULT_GREETING, isPoliticalBirthday, nextAnniversary, renderGreeting, yearsInParty } from '../../src/shared/birthday';
import { pushInboxId } from '../../src/shared/push';
import { birthdayJobId, birthdayRun, birthdaysOn, deliveryOf, greetingFor, type BirthdayEntry } from '../../cloud/src/domain/care/birthdays';

const member = (id: string, joinedAt: string, extra: Partial<BirthdayEntry> = {}): BirthdayEntry => ({
  _id: id,
  name: id,
  branchId: 'b1',
  orgPath: ['d', 'c1', 'b1'],
  joinedAt,
  status: '正常',
  boundOpenid: `o_${id}`,
  ...extra,
});

describe('which month-days the day\'s query asks for', () => {
  test('an ordinary day asks for itself only', () => {
    expect(anniversaryMonthDays('2026-07-01')).toEqual(['07-01']);
  });
  test('28 February of a common year also asks for 29 February', () => {
    expect(anniversaryMonthDays('2026-02-28')).toEqual(['02-28', '02-29']);
    expect(anniversaryMonthDays('2100-02-28')).toEqual(['02-28', '02-29']);
  });
  test('in a leap year 28 and 29 February are each their own day', () => {
    expect(anniversaryMonthDays('2028-02-28')).toEqual(['02-28']);
    expect(anniversaryMonthDays('2028-02-29')).toEqual(['02-29']);
    expect(anniversaryMonthDays('2000-02-28')).toEqual(['02-28']);
  });
});

describe('whose political birthday is today', () => {
  test('the anniversary of the join date, in any later year', () => {
    expect(isPoliticalBirthday('1996-07-01', '2026-07-01')).toBe(true);
    expect(isPoliticalBirthday('1996-07-01', '1997-07-01')).toBe(true);
    expect(isPoliticalBirthday('1996-07-01', '2026-07-02')).toBe(false);
  });
  test('the join day itself is not one: the first political birthday is a year later', () => {
    expect(isPoliticalBirthday('2026-07-01', '2026-07-01')).toBe(false);
  });
  test('a 29 February joiner celebrates on 28 February in a common year and on 29 February in a leap year', () => {
    expect(isPoliticalBirthday('2004-02-29', '2026-02-28')).toBe(true);
    expect(isPoliticalBirthday('2004-02-29', '2028-02-28')).toBe(false);
    expect(isPoliticalBirthday('2004-02-29', '2028-02-29')).toBe(true);
    expect(isPoliticalBirthday('2004-02-29', '2026-03-01')).toBe(false);
  });
  test('only members in good standing (正常, 流动党员) are greeted; 停止党籍, 转出 and 去世 are skipped', () => {
    const entries = ['正常', '流动党员', '停止党籍', '转出', '去世'].map((status, index) => member(`m${index}`, '2000-11-30', { status }));
    expect(birthdaysOn(entries, '2026-11-30').map((entry) => entry.status)).toEqual(['正常', '流动党员']);
  });
});

describe('years in the Party', () => {
  test('counts completed years, the anniversary day included', () => {
    expect(yearsInParty('1996-07-01', '2026-07-01')).toBe(30);
    expect(yearsInParty('1996-07-01', '2026-06-30')).toBe(29);
    expect(yearsInParty('1996-07-01', '2027-01-01')).toBe(30);
  });
  test('a 29 February joiner completes a year on 28 February of a common year', () => {
    expect(yearsInParty('2004-02-29', '2026-02-28')).toBe(22);
    expect(yearsInParty('2004-02-29', '2026-02-27')).toBe(21);
    expect(yearsInParty('2004-02-29', '2028-02-28')).toBe(23);
    expect(yearsInParty('2004-02-29', '2028-02-29')).toBe(24);
  });
});

describe('the day\'s message', () => {
  const greetings = new Map([['c2', '{branch}祝{name}同志入党{years}周年快乐（{joinDate}）']]);
  const context = { branchName: (id: string) => (id === 'b2' ? '桂花社区党支部' : '东湖社区第一党支部'), greetings, rootPath: ['d'], sendAt: Date.UTC(2026, 1, 28, 1) };

  test('greets each bound member personally: name, years, join date, a line of the oath, the community\'s greeting, a card link', () => {
    const run = birthdayRun(
      [member('li', '1996-02-28'), member('leap', '2004-02-29', { branchId: 'b2', orgPath: ['d', 'c2', 'b2'], name: '王芳' }), member('new', '2026-02-28'), member('gone', '1990-02-28', { status: '转出' })],
      '2026-02-28',
      context,
    );
    expect(run.reachable.map((entry) => entry._id)).toEqual(['li', 'leap']);
    const job = run.request;
    expect(job?.origin).toEqual({ feature: 'birthday', key: '2026-02-28' });
    expect(job?.audience.openids).toEqual(['o_li', 'o_leap']);
    const li = job?.message.texts?.o_li;
    expect(li?.link).toBe('/packages/birthday/pages/card/index?id=li');
    expect(li?.body).toContain('1996年2月28日，您光荣地加入了中国共产党');
    expect(li?.body).toContain('入党30周年');
    expect(li?.body).toContain(renderGreeting(DEFAULT_GREETING, { name: 'li', years: 30, joinedAt: '1996-02-28', branch: '东湖社区第一党支部' }));
    expect(li?.body).toMatch(/「[^」]+」/);
    expect(job?.message.texts?.o_leap?.body).toContain('桂花社区党支部祝王芳同志入党22周年快乐（2004年2月29日）');
  });

  test('members not bound to WeChat are listed as unreachable; nobody bound means no job at all', () => {
    const run = birthdayRun([member('a', '2000-05-04', { boundOpenid: null })], '2026-05-04', context);
    expect(run.unreachable.map((entry) => entry._id)).toEqual(['a']);
    expect(run.request).toBeNull();
  });

  test('the greeting is the nearest one set on the member\'s path, else ours', () => {
    expect(greetingFor(['d', 'c2', 'b2'], greetings)).toBe(greetings.get('c2'));
    expect(greetingFor(['d', 'c1', 'b1'], greetings)).toBe(DEFAULT_GREETING);
  });

  test('an unknown placeholder stays as typed; the message body quotes the oath', () => {
    expect(renderGreeting('{name}{nick}', { name: '李明', years: 1, joinedAt: '2025-01-01', branch: '' })).toBe('李明{nick}');
    expect(birthdayMessageBody({ name: '李明', years: 1, joinedAt: '2025-01-01', branch: 'X' }, '{branch}')).toContain('入党1周年');
  });
});

describe('the coming political birthday, for staff lists', () => {
  test('this year\'s while it is still ahead, next year\'s once it has passed (the coming week may cross New Year)', () => {
    expect(nextAnniversary('1996-07-01', '2026-06-30')).toBe('2026-07-01');
    expect(nextAnniversary('1996-07-01', '2026-07-01')).toBe('2026-07-01');
    expect(nextAnniversary('1996-01-02', '2026-12-30')).toBe('2027-01-02');
    expect(nextAnniversary('2004-02-29', '2027-01-01')).toBe('2027-02-28');
  });
});

describe('how a greeting fared, as staff see it', () => {
  const today = '2026-11-20';
  const job = birthdayJobId(today);
  const traces = (entries: Array<[string, boolean]>, status = 'done') => ({
    jobs: new Map([[job, { status, audience: { openids: ['o_a', 'o_b'] } }]]),
    entries: new Map(entries.map(([openid, read]) => [pushInboxId(job, openid), { read }])),
  });

  test('read or reached once the message is in 消息中心; unreachable when not bound to WeChat', () => {
    expect(deliveryOf({ boundOpenid: 'o_a' }, today, today, traces([['o_a', true]]))).toBe('read');
    expect(deliveryOf({ boundOpenid: 'o_a' }, today, today, traces([['o_a', false]]))).toBe('reached');
    expect(deliveryOf({ boundOpenid: null }, today, today, traces([]))).toBe('unreachable');
  });

  test('pending before the day\'s run or while the worker is sending; missed when bound only after it went out', () => {
    expect(deliveryOf({ boundOpenid: 'o_a' }, today, today, { jobs: new Map(), entries: new Map() })).toBe('pending');
    expect(deliveryOf({ boundOpenid: 'o_b' }, today, today, traces([], 'running'))).toBe('pending');
    expect(deliveryOf({ boundOpenid: 'o_a' }, '2026-11-25', today, traces([]))).toBe('pending');
    expect(deliveryOf({ boundOpenid: 'o_late' }, today, today, traces([]))).toBe('missed');
  });
});
