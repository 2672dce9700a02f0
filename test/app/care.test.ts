/**
 * 节假日安排 and 廉政提醒 on the local cloud, on fixed days: the missing-schedule banner from 1 December and not before,
 * only district admins entering a year's 放假安排, the entered 2027 schedule moving both the reminders and the 限时办结
 * deadlines, the coming year's reminders, an ad-hoc reminder, and the daily run fired twice making one job.
 */
import { care, cases, inbox } from '../../src/shared/contracts';
import { database } from '../../cloud/src/infra/database';
import { jobId } from '../../cloud/src/domain/push/job';
import type { AppCloud } from '../support/app';
import { ADMIN, DEPUTY, DISTRICT_ADMIN, assigned, cn, startClockedCloud } from './cases-support';

const MEMBER = 'o_demo_member';
const XISHAN_MEMBER = 'o_care_xishan';

/** 2027's 放假安排 as staff might enter it (not published in any source we have): 元旦 1–3 January, 春节 from 4 February. */
const SCHEDULE_2027 = {
  year: 2027,
  periods: [
    { festival: 'newYear', start: '2027-01-01', end: '2027-01-03' },
    { festival: 'spring', start: '2027-02-04', end: '2027-02-11' },
    { festival: 'national', start: '2027-10-01', end: '2027-10-07' },
  ],
  workdays: ['2027-02-13', '2027-10-09'],
};

describe('on 30 November 2026', () => {
  let app: AppCloud;
  beforeAll(async () => {
    app = await startClockedCloud(cn(2026, 11, 30, 23, 30));
  });
  afterAll(() => app.close());

  test('staff see no missing-schedule banner yet (2026 is built in, 2027 is not asked for before 1 December)', async () => {
    expect(await app.call(care.notice, {}, ADMIN)).toEqual({ notice: null, canEdit: false });
  });

  test('a newcomer\'s 廉政提醒 list leads with the next festival: 元旦 2027, sent 30 December with a default text, then 春节', async () => {
    const { today, festival } = await app.call(care.reminders, {}, ADMIN);
    expect(today).toBe('2026-11-30');
    expect(festival[0]).toMatchObject({ key: 'newYear:2027', festivalName: '元旦', sendDate: '2026-12-30', daysBefore: 2, enabled: true, jobId: null });
    expect(festival[0].text.length).toBeGreaterThan(20);
    expect(festival[1]).toMatchObject({ key: 'spring:2027' });
  });

  test('with deputies and staff chosen, the daily run also makes one personal job for them beside the members\' broadcast', async () => {
    const settings = await app.call(care.settings, {}, DISTRICT_ADMIN);
    const { canEdit: _canEdit, ...edited } = settings;
    await app.call(care.saveSettings, { ...edited, audience: { deputies: true, staff: true } }, DISTRICT_ADMIN);
    const runner = app.stack.emulator.runner;
    if (!runner) throw new Error('runner missing');
    // 清明 2027 without an entered schedule: two days before 5 April.
    const run = (await runner.fireTrigger('care', new Date(cn(2027, 4, 3, 9)))) as { published: Array<{ key: string }> };
    expect(run.published.map((item) => item.key)).toEqual(['qingming:2027']);
    type Job = { _id: string; mode: string; audience: { orgIds: string[]; openids: string[] } };
    const jobs = database().collection<Job>('push_jobs');
    const members = await jobs.where({ _id: jobId({ feature: 'care-festival', key: 'qingming:2027' }) }).get();
    const staff = await jobs.where({ _id: jobId({ feature: 'care-festival', key: 'qingming:2027:staff' }) }).get();
    expect(members[0]).toMatchObject({ mode: 'broadcast', audience: { orgIds: ['org-district'], openids: [] } });
    expect(staff[0]).toMatchObject({ mode: 'personal' });
    expect(staff[0].audience.openids).toEqual(expect.arrayContaining([DEPUTY, ADMIN, DISTRICT_ADMIN]));
    expect(staff[0].audience.openids).not.toContain(MEMBER);
  });

  test('a daily run that died after storing the 春节 broadcast is finished by the next fire, once, and a later fire adds nothing', async () => {
    const runner = app.stack.emulator.runner;
    if (!runner) throw new Error('runner missing');
    const id = jobId({ feature: 'care-festival', key: 'spring:2027' });
    // What the crashed run left: the broadcast copy, no job (publishing writes the copy first).
    await database().collection('push_broadcasts').add({ _id: id, targets: ['org:org-district'], kind: 'care', title: '春节廉洁提醒', body: '…', link: null, visibleAt: cn(2027, 2, 4, 9) });
    const first = (await runner.fireTrigger('care', new Date(cn(2027, 2, 4, 9)))) as { published: Array<{ key: string; created: boolean }> };
    const again = (await runner.fireTrigger('care', new Date(cn(2027, 2, 5, 9)))) as { published: Array<{ key: string; created: boolean }> };
    expect(first.published).toEqual([{ key: 'spring:2027', jobId: id, created: true }]);
    expect(again.published).toEqual([{ key: 'spring:2027', jobId: id, created: false }]);
    expect(await database().collection('push_jobs').where({ _id: id }).count()).toBe(1);
    expect(await database().collection('push_broadcasts').where({ _id: id }).count()).toBe(1);
  });
});

describe('on 30 December 2026', () => {
  const NOW = cn(2026, 12, 30, 10);
  let app: AppCloud;
  beforeAll(async () => {
    app = await startClockedCloud(NOW);
  });
  afterAll(() => app.close());

  const springReminder = async () => (await app.call(care.reminders, {}, ADMIN)).festival.find((plan) => plan.key === 'spring:2027');

  test('staff are told 2027 is missing; reminders fall back to the festival day and say so', async () => {
    const { notice } = await app.call(care.notice, {}, ADMIN);
    expect(notice).toMatchObject({ year: 2027, message: expect.stringContaining('2027 年的放假安排') });
    expect(await springReminder()).toMatchObject({ basis: 'festival_day', sendDate: '2027-02-04', note: expect.stringContaining('尚未录入') });
  });

  test('a street admin can read the calendar but not enter the schedule; nothing is stored', async () => {
    const read = await app.call(care.calendar, { year: 2027 }, ADMIN);
    expect(read).toMatchObject({ canEdit: false, schedule: { source: 'none', periods: [] } });
    expect(read.schedule.festivals.find((festival) => festival.key === 'spring')?.date).toBe('2027-02-06');
    const refused = await app.invoke(care.saveSchedule, SCHEDULE_2027, ADMIN);
    expect(refused).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN', message: expect.stringContaining('区级管理员') } });
    expect((await app.call(care.calendar, { year: 2027 }, DISTRICT_ADMIN)).schedule.source).toBe('none');
  });

  test('a 调休 day on a weekday is refused naming the field, and nothing is stored', async () => {
    const reply = await app.invoke(care.saveSchedule, { ...SCHEDULE_2027, workdays: ['2027-02-10'] }, DISTRICT_ADMIN);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', details: { fields: { 'workdays.0': expect.stringContaining('周六或周日') } } } });
    expect((await app.call(care.calendar, { year: 2027 }, DISTRICT_ADMIN)).schedule.source).toBe('none');
  });

  test('the district admin enters 2027: the banner goes, reminders count from the first day off, and case deadlines skip the holiday', async () => {
    // A case assigned before the schedule exists: 元旦 2027 is only a Friday off by Monday–Friday guessing.
    const before = await assigned(app, 'o_care_before');
    expect((await app.call(cases.get, { id: before }, ADMIN)).case.deadline).toBe('2027-01-04');

    const saved = await app.call(care.saveSchedule, SCHEDULE_2027, DISTRICT_ADMIN);
    expect(saved.schedule).toMatchObject({ source: 'entered', updatedBy: '周强', workdays: ['2027-02-13', '2027-10-09'] });
    expect(await app.call(care.notice, {}, ADMIN)).toEqual({ notice: null, canEdit: false });
    expect(await springReminder()).toMatchObject({ basis: 'period', period: { start: '2027-02-04', end: '2027-02-11' }, sendDate: '2027-02-02' });

    // 3 working days from Wednesday 30 December: Thursday 31st, then the 元旦 days off, then Monday 4 and Tuesday 5.
    const after = await assigned(app, 'o_care_after');
    expect((await app.call(cases.get, { id: after }, ADMIN)).case.deadline).toBe('2027-01-05');
  });

  test('the festival settings are the district\'s: a preview with 3 days shows 1 February, a street admin cannot save', async () => {
    const settings = await app.call(care.settings, {}, ADMIN);
    expect(settings).toMatchObject({ canEdit: false, audience: { deputies: false, staff: false } });
    expect(settings.festivals.midAutumn.text).toContain('月饼');
    const preview = await app.call(care.preview, { festival: 'spring', setting: { ...settings.festivals.spring, daysBefore: 3 } }, ADMIN);
    expect(preview.reminder).toMatchObject({ sendDate: '2027-02-01', title: '春节廉洁提醒' });
    const { canEdit: _canEdit, ...edited } = settings;
    expect(await app.invoke(care.saveSettings, edited, ADMIN)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    const saved = await app.call(care.saveSettings, { ...edited, festivals: { ...edited.festivals, spring: { ...edited.festivals.spring, daysBefore: 3 } } }, DISTRICT_ADMIN);
    expect(saved.festivals.spring.daysBefore).toBe(3);
    expect(await springReminder()).toMatchObject({ sendDate: '2027-02-01' });
  });

  test('the daily run fired twice at once, then late, makes one 元旦 reminder job, which the member reads once', async () => {
    const runner = app.stack.emulator.runner;
    if (!runner) throw new Error('runner missing');
    const at = new Date(cn(2026, 12, 30, 9));
    const fires = await Promise.all([runner.fireTrigger('care', at), runner.fireTrigger('care', at)]);
    await runner.fireTrigger('care', new Date(cn(2026, 12, 30, 15)));
    const created = fires.flatMap((fire) => (fire as { published: Array<{ key: string; created: boolean }> }).published);
    expect(created.map((item) => item.key)).toEqual(['newYear:2027', 'newYear:2027']);
    expect(created.filter((item) => item.created)).toHaveLength(1);

    const jobs = await database().collection<{ origin: { key: string } }>('push_jobs').where({ 'origin.feature': 'care-festival' }).get();
    expect(jobs.map((job) => job.origin.key)).toEqual(['newYear:2027']);
    const plan = (await app.call(care.reminders, {}, ADMIN)).festival.find((item) => item.key === 'newYear:2027');
    expect(plan?.jobId).toBe((jobs[0] as unknown as { _id: string })._id);
    const messages = (await app.call(inbox.list, { limit: 50 }, MEMBER)).items.filter((item) => item.title === '元旦廉洁提醒');
    expect(messages).toHaveLength(1);
  });

  test('a reminder for one branch sent today: the push worker takes it to 100%, its member reads it, a member of another branch does not', async () => {
    const db = database();
    await db.collection('roster').doc('roster-x1').update({ boundOpenid: XISHAN_MEMBER, boundAt: 1 });
    const xishanPath = ['org-district', 'org-xishan', 'org-xishan-sq', 'org-xishan-b1'];
    await db.collection('users').add({ _id: XISHAN_MEMBER, code: 'CAREX1', createdAt: 1, updatedAt: 1, member: { branchId: 'org-xishan-b1', rosterId: 'roster-x1', name: '钱进', orgPath: xishanPath } });
    const request = { requestId: 'care-today-0001', orgId: 'org-district', branchIds: ['org-donghu-b1'], date: '2026-12-30', title: '支部廉洁提醒', text: '年终岁末，请守住廉洁底线。' };
    const { reminder } = await app.call(care.schedule, request, DISTRICT_ADMIN);
    expect(reminder).toMatchObject({ status: 'running', audienceNames: ['东湖社区第一党支部'] });

    const runner = app.stack.emulator.runner;
    if (!runner) throw new Error('runner missing');
    await runner.fireTrigger('push', new Date(cn(2026, 12, 30, 10, 1)));
    const listed = (await app.call(care.reminders, {}, DISTRICT_ADMIN)).adhoc.find((item) => item.id === reminder.id);
    expect(listed).toMatchObject({ status: 'done', percent: 100 });
    expect((await app.call(inbox.list, { limit: 50 }, MEMBER)).items.map((item) => item.title)).toContain('支部廉洁提醒');
    expect((await app.call(inbox.list, { limit: 50 }, XISHAN_MEMBER)).items.map((item) => item.title)).not.toContain('支部廉洁提醒');
  });

  test('an ad-hoc reminder for one branch waits for its day and is listed; a retry makes no second one; a past date is refused', async () => {
    const request = { requestId: 'care-adhoc-0001', orgId: 'org-donghu', branchIds: ['org-donghu-b1'], date: '2027-01-15', title: '廉洁提醒', text: '年终岁末，请守住廉洁底线。' };
    const [first, again] = await Promise.all([app.call(care.schedule, request, ADMIN), app.call(care.schedule, request, ADMIN)]);
    expect([first.created, again.created].sort()).toEqual([false, true]);
    expect(first.reminder).toMatchObject({ date: '2027-01-15', status: 'scheduled', audienceNames: [expect.any(String)] });
    const listed = (await app.call(care.reminders, {}, ADMIN)).adhoc;
    expect(listed.map((item) => item.id)).toEqual([first.reminder.id]);
    expect((await app.call(inbox.list, { limit: 50 }, MEMBER)).items.map((item) => item.title)).not.toContain('廉洁提醒');

    const past = await app.invoke(care.schedule, { ...request, requestId: 'care-adhoc-0002', date: '2026-12-29' }, ADMIN);
    expect(past).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', details: { fields: { date: expect.any(String) } } } });
    const outside = await app.invoke(care.schedule, { ...request, requestId: 'care-adhoc-0003', orgId: 'org-xishan', branchIds: [] }, ADMIN);
    expect(outside).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });
});
