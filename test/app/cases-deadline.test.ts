/**
 * 限时办结 on a known day: the functions run on 2026-09-30 10:00 (the day before 国庆) and the daily timer is fired
 * at chosen times — deadlines across the holiday, the admin-edited holiday calendar, the T-2 warning, overdue cases
 * escalated to 督办, and replies archived when nobody rates them.
 */
import { cases } from '../../src/shared/contracts';
import { database } from '../../cloud/src/infra/database';
import type { AppCloud } from '../support/app';
import { ADMIN, DEPUTY, DISTRICT_ADMIN, assigned, cn, noticesAbout, replied, startClockedCloud, submitted } from './cases-support';

const NOW = cn(2026, 9, 30, 10);

let app: AppCloud;
beforeAll(async () => {
  app = await startClockedCloud(NOW);
});
afterAll(() => app.close());

/** Fires the case function's daily timer as if it were that moment (China time). */
function timerAt(ms: number): Promise<unknown> {
  const runner = app.stack.emulator.runner;
  if (!runner) throw new Error('runner missing');
  return runner.fireTrigger('case', new Date(ms));
}

const view = async (id: string, openid = ADMIN) => (await app.call(cases.get, { id }, openid)).case;
const kinds = async (openid: string, id: string) => (await noticesAbout(app, openid, id)).map((item) => item.kind);

test('a 求助 case assigned the day before 国庆 is due on Saturday 10 October: the days off do not count, the 调休 Saturday does', async () => {
  const id = await assigned(app, 'o_deadline_holiday');
  expect(await view(id)).toMatchObject({ limitDays: 3, deadline: '2026-10-10', assignedAt: NOW });
});

test('a 投诉 case assigned the same day is due thirteen working days on, on 23 October', async () => {
  const id = await assigned(app, 'o_deadline_complaint', { category: 'complaint', title: '夜间施工噪音' });
  expect((await view(id)).deadline).toBe('2026-10-23');
});

test('the timer warns the handler two working days before the deadline, once', async () => {
  const id = await assigned(app, 'o_deadline_warn');
  await timerAt(cn(2026, 10, 7, 8, 30));
  expect(await kinds(DEPUTY, id)).toEqual(['case_todo']);
  await timerAt(cn(2026, 10, 8, 8, 30));
  expect(await kinds(DEPUTY, id)).toEqual(['case_warn', 'case_todo']);
  await timerAt(cn(2026, 10, 9, 8, 30));
  expect(await kinds(DEPUTY, id)).toEqual(['case_warn', 'case_todo']);
  // The warning is for the handler: the resident's timeline does not show it.
  expect((await view(id, 'o_deadline_warn')).events.map((event) => event.type)).toEqual(['submit', 'assign']);
});

test('past the deadline the timer marks the case overdue and escalates it to 督办: listed as supervised, handler and admins told', async () => {
  const reporter = 'o_deadline_overdue';
  const id = await assigned(app, reporter);
  await timerAt(cn(2026, 10, 12, 8, 30));

  const after = await view(id);
  expect(after).toMatchObject({ state: 'assigned', overdue: true, escalatedAt: cn(2026, 10, 12, 8, 30) });
  expect(after.events.slice(-2).map((event) => event.type)).toEqual(['overdue', 'escalate']);
  const supervised = await app.call(cases.adminList, { orgId: 'org-donghu', supervised: true, limit: 50 }, ADMIN);
  expect(supervised.items.find((item) => item.id === id)).toMatchObject({ overdue: true, supervised: true, deadline: '2026-10-10' });
  for (const staff of [DEPUTY, ADMIN, DISTRICT_ADMIN]) expect((await kinds(staff, id))[0]).toBe('case_supervised');
  expect((await app.call(cases.deputyInbox, {}, DEPUTY)).items[0]).toMatchObject({ overdue: true });

  // A reply takes it off the 督办 list.
  await app.call(cases.reply, { id, text: '已处理完毕，抱歉来迟。' }, DEPUTY);
  expect(await view(id, reporter)).toMatchObject({ state: 'replied', overdue: false });
  const later = await app.call(cases.adminList, { orgId: 'org-donghu', supervised: true, limit: 50 }, ADMIN);
  expect(later.items.map((item) => item.id)).not.toContain(id);
});

test('a reply nobody rates within seven days is archived by the timer, and the reporter is told', async () => {
  const reporter = 'o_deadline_unrated';
  const id = await replied(app, reporter);
  await timerAt(NOW + 6 * 24 * 3_600_000);
  expect((await view(id)).state).toBe('replied');
  await timerAt(NOW + 8 * 24 * 3_600_000);
  expect(await view(id, reporter)).toMatchObject({ state: 'closed', closedAt: NOW + 8 * 24 * 3_600_000 });
  expect((await kinds(reporter, id))[0]).toBe('case_close');
});

test('a case nobody assigned has no deadline and the timer leaves it alone', async () => {
  const id = await submitted(app, 'o_deadline_unassigned');
  await timerAt(cn(2026, 12, 1, 8, 30));
  expect(await view(id)).toMatchObject({ state: 'submitted', overdue: false, version: 1 });
});

test('a day off entered in the holidays collection overrides the statutory calendar and moves the deadline', async () => {
  // The seeded calendar lists 10 October as a 调休 working day; the district decides otherwise.
  await database().collection('holidays').doc('2026-10-10').set({ year: 2026, date: '2026-10-10', name: '本地调整', isWorkday: false });
  const id = await assigned(app, 'o_deadline_override');
  expect((await view(id)).deadline).toBe('2026-10-12');
});
