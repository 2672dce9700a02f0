/**
 * The festival calendar and the 廉政提醒 plan: festival days for any year (lunar and solar-term ones computed), the
 * built-in 放假安排 read as periods, a staff-entered year replacing it, and each reminder counted back from the first
 * day off — or from the festival day when the year has no published period.
 */
import {
  comingReminders,
  dueReminders,
  planReminders,
  resolveSettings,
  scheduleNotice,
  validateSchedule,
} from '../../cloud/src/domain/care/festival-reminders';
import { festivalDay, festivalsOfYear, newYearsEve, qingmingDate } from '../../src/shared/calendar/festivals';
import { calendarWithSchedules, scheduleOfYear, statutorySchedule, type YearSchedule } from '../../src/shared/calendar/schedule';
import { addWorkingDays } from '../../src/shared/calendar';

/** A 2027 schedule as staff might enter it (the State Council's is not published in any source we have). */
const SCHEDULE_2027: YearSchedule = {
  year: 2027,
  periods: [
    { festival: 'newYear', start: '2027-01-01', end: '2027-01-03' },
    { festival: 'spring', start: '2027-02-04', end: '2027-02-11' },
    { festival: 'qingming', start: '2027-04-03', end: '2027-04-05' },
    { festival: 'labour', start: '2027-05-01', end: '2027-05-05' },
    { festival: 'dragonBoat', start: '2027-06-09', end: '2027-06-11' },
    { festival: 'midAutumn', start: '2027-09-15', end: '2027-09-17' },
    { festival: 'national', start: '2027-10-01', end: '2027-10-07' },
  ],
  workdays: ['2027-02-13', '2027-04-25', '2027-09-26', '2027-10-09'],
};

const defaults = resolveSettings(null);

describe('festival days', () => {
  test('2026: 春节 17 February, 元宵 3 March, 清明 5 April, 端午 19 June, 中秋 25 September', () => {
    expect(Object.fromEntries(festivalsOfYear(2026).map((festival) => [festival.name, festival.date]))).toEqual({
      元旦: '2026-01-01',
      春节: '2026-02-17',
      元宵节: '2026-03-03',
      清明节: '2026-04-05',
      劳动节: '2026-05-01',
      端午节: '2026-06-19',
      中秋节: '2026-09-25',
      国庆节: '2026-10-01',
    });
  });

  test('2027, computed with no published schedule: 春节 6 February (除夕 the 5th), 清明 5 April, 端午 9 June, 中秋 15 September', () => {
    expect(festivalDay('spring', 2027)).toBe('2027-02-06');
    expect(newYearsEve(2027)).toBe('2027-02-05');
    expect(festivalDay('lantern', 2027)).toBe('2027-02-20');
    expect(festivalDay('qingming', 2027)).toBe('2027-04-05');
    expect(festivalDay('dragonBoat', 2027)).toBe('2027-06-09');
    expect(festivalDay('midAutumn', 2027)).toBe('2027-09-15');
    expect(festivalDay('national', 2027)).toBe('2027-10-01');
  });

  test('清明 from the solar-term formula: 4 April 2024, 2025, 2028 and 2032, 5 April 2026', () => {
    expect([2024, 2025, 2026, 2028, 2032].map(qingmingDate)).toEqual(['2024-04-04', '2025-04-04', '2026-04-05', '2028-04-04', '2032-04-04']);
  });

  test('a year outside the lunar table is refused, not guessed', () => {
    expect(() => festivalDay('spring', 2100)).toThrow(/1901–2099/);
  });
});

describe('the built-in 放假安排 as periods', () => {
  test('2026: 春节 runs 15–23 February (from the day before 除夕), 国庆 1–7 October, with the 调休 Saturdays', () => {
    const schedule = statutorySchedule(2026);
    expect(schedule?.periods.find((period) => period.festival === 'spring')).toEqual({ festival: 'spring', start: '2026-02-15', end: '2026-02-23' });
    expect(schedule?.periods.find((period) => period.festival === 'national')).toEqual({ festival: 'national', start: '2026-10-01', end: '2026-10-07' });
    expect(schedule?.workdays).toContain('2026-10-10');
  });

  test('2025: 中秋 inside 国庆 shares its 1–8 October period', () => {
    const periods = statutorySchedule(2025)?.periods ?? [];
    expect(periods.find((period) => period.festival === 'midAutumn')).toMatchObject({ start: '2025-10-01', end: '2025-10-08' });
    expect(periods.find((period) => period.festival === 'national')).toMatchObject({ start: '2025-10-01', end: '2025-10-08' });
  });

  test('2027 has none built in; a staff-entered 2027 wins and an entered 2026 replaces the built-in one', () => {
    expect(scheduleOfYear(2027, [])).toEqual({ schedule: null, source: 'none' });
    expect(scheduleOfYear(2027, [SCHEDULE_2027]).source).toBe('entered');
    expect(scheduleOfYear(2026, []).source).toBe('statutory');
  });

  test('working days follow an entered 2027: its days off rest, its 调休 Saturday works, other years keep the built-in data', () => {
    const calendar = calendarWithSchedules([SCHEDULE_2027]);
    expect(calendar.isWorkday('2027-02-08')).toBe(false); // a Monday inside 春节
    expect(calendar.isWorkday('2027-02-13')).toBe(true); // a 调休 Saturday
    expect(calendar.isWorkday('2027-02-15')).toBe(true);
    // 3 working days from Wednesday 3 February 2027: Thursday... then the holiday, then Saturday 13th and Monday 15th.
    expect(addWorkingDays('2027-02-03', 3, calendar)).toBe('2027-02-15');
    expect(calendar.isWorkday('2026-10-05')).toBe(false);
  });
});

describe('when each 廉政提醒 goes out', () => {
  test('春节 2026: two days before the period starts on 15 February (two days before 除夕), not before 春节 itself', () => {
    const plans = planReminders(2026, scheduleOfYear(2026, []), defaults);
    const spring = plans.find((plan) => plan.festival === 'spring');
    expect(spring).toMatchObject({ festivalDay: '2026-02-17', period: { start: '2026-02-15', end: '2026-02-23' }, basis: 'period', sendDate: '2026-02-13' });
    expect(spring?.note).toContain('2月15日');
  });

  test('国庆 2026 with 3 days set: 28 September; 中秋 2026 on its own period from 25 September: 23 September', () => {
    const settings = resolveSettings({ festivals: { ...defaults.festivals, national: { ...defaults.festivals.national, daysBefore: 3 } } });
    const plans = planReminders(2026, scheduleOfYear(2026, []), settings);
    expect(plans.find((plan) => plan.festival === 'national')?.sendDate).toBe('2026-09-28');
    expect(plans.find((plan) => plan.festival === 'midAutumn')?.sendDate).toBe('2026-09-23');
  });

  test('festivals sharing one period (2025 国庆节、中秋节) get one reminder named after both', () => {
    const plans = planReminders(2025, scheduleOfYear(2025, []), defaults);
    const october = plans.filter((plan) => plan.period?.start === '2025-10-01');
    expect(october).toHaveLength(1);
    expect(october[0]).toMatchObject({ festivalName: '中秋节、国庆节', sendDate: '2025-09-29' });
  });

  test('without a published 2027 schedule a reminder falls back to the festival day and says so', () => {
    const plans = planReminders(2027, scheduleOfYear(2027, []), defaults);
    const spring = plans.find((plan) => plan.festival === 'spring');
    expect(spring).toMatchObject({ basis: 'festival_day', period: null, sendDate: '2027-02-04' });
    expect(spring?.note).toContain('2027 年放假安排尚未录入');
  });

  test('with the staff-entered 2027 schedule the 春节 reminder counts from 4 February (before 除夕): 2 February', () => {
    const plans = planReminders(2027, scheduleOfYear(2027, [SCHEDULE_2027]), defaults);
    expect(plans.find((plan) => plan.festival === 'spring')).toMatchObject({ basis: 'period', sendDate: '2027-02-02' });
    expect(plans.find((plan) => plan.festival === 'dragonBoat')).toMatchObject({ sendDate: '2027-06-07' });
  });

  test('元宵 never has days off: counted from the festival day', () => {
    const lantern = planReminders(2027, scheduleOfYear(2027, [SCHEDULE_2027]), defaults).find((plan) => plan.festival === 'lantern');
    expect(lantern).toMatchObject({ basis: 'festival_day', sendDate: '2027-02-18' });
    expect(lantern?.note).toContain('不放假');
  });

  test('the daily run sends a reminder on its day, catches up a missed day before the holiday, never after it starts, never a disabled one', () => {
    const settings = resolveSettings({ festivals: { ...defaults.festivals, qingming: { ...defaults.festivals.qingming, enabled: false } } });
    const plans = planReminders(2026, scheduleOfYear(2026, []), settings);
    expect(dueReminders('2026-09-28', plans)).toEqual([]);
    expect(dueReminders('2026-09-29', plans).map((plan) => plan.festival)).toEqual(['national']);
    expect(dueReminders('2026-09-30', plans).map((plan) => plan.festival)).toEqual(['national']);
    expect(dueReminders('2026-10-01', plans)).toEqual([]);
    expect(dueReminders('2026-04-02', plans)).toEqual([]);
  });

  test('the coming year lists the reminders whose holiday has not begun', () => {
    const plans = [...planReminders(2026, scheduleOfYear(2026, []), defaults), ...planReminders(2027, scheduleOfYear(2027, []), defaults)];
    const coming = comingReminders('2026-11-30', plans);
    expect(coming[0]).toMatchObject({ key: 'newYear:2027', sendDate: '2026-12-30' });
    expect(coming.map((plan) => plan.key)).not.toContain('national:2026');
    expect(coming.map((plan) => plan.key)).toContain('national:2027');
  });
});

describe('the missing-schedule notice', () => {
  const known = (years: number[]) => (year: number) => years.includes(year);
  test('says nothing on 30 November, names next year from 1 December, and names this year whenever it is missing', () => {
    expect(scheduleNotice('2026-11-30', known([2026]))).toBeNull();
    expect(scheduleNotice('2026-12-01', known([2026]))).toMatchObject({ year: 2027 });
    expect(scheduleNotice('2026-12-01', known([2026, 2027]))).toBeNull();
    expect(scheduleNotice('2027-03-01', known([2026]))).toMatchObject({ year: 2027 });
  });
});

describe('a schedule staff enter', () => {
  test('is accepted and sorted when periods, shared periods and 调休 weekends are sound', () => {
    const shared = { ...SCHEDULE_2027, periods: [...SCHEDULE_2027.periods.slice(0, 5), { festival: 'midAutumn' as const, start: '2027-10-01', end: '2027-10-08' }, { festival: 'national' as const, start: '2027-10-01', end: '2027-10-08' }] };
    expect(validateSchedule(shared).periods[0].festival).toBe('newYear');
  });

  test('refuses a 调休 day on a weekday, a workday inside a period, overlapping periods and a period in another year, naming each field', () => {
    const bad: YearSchedule = {
      year: 2027,
      periods: [
        { festival: 'spring', start: '2027-02-04', end: '2027-02-11' },
        { festival: 'qingming', start: '2027-02-10', end: '2027-02-12' },
        { festival: 'national', start: '2026-10-01', end: '2026-10-07' },
      ],
      workdays: ['2027-02-06', '2027-02-17'],
    };
    let fields: Record<string, string> = {};
    try {
      validateSchedule(bad);
    } catch (error) {
      fields = (error as { details: { fields: Record<string, string> } }).details.fields;
    }
    expect(fields).toMatchObject({
      'periods.1': expect.stringContaining('重叠'),
      'periods.2': expect.stringContaining('2027 年内'),
      'workdays.0': expect.stringContaining('放假期间'),
      'workdays.1': expect.stringContaining('周六或周日'),
    });
  });
});
