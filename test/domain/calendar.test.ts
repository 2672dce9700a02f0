/** China-time working-day arithmetic: dates in UTC+8 whatever the host, the statutory schedule with 调休, overrides. */
import chineseDays from 'chinese-days';
import {
  STATUTORY_YEARS,
  addDays,
  addWorkingDays,
  calendarWithOverrides,
  chinaDate,
  endOfChinaDay,
  holidaysOfYear,
  isWorkday,
  statutoryCalendar,
  workingDaysBetween,
  type WorkCalendar,
} from '../../src/shared/calendar';

const HOUR = 3_600_000;

/** Runs fn with the host time zone set to tz (Node re-reads TZ when it changes), then restores it. */
function inTimeZone<T>(tz: string, fn: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

describe('chinaDate', () => {
  test('an instant just before 16:00 UTC is still the same day in China', () => {
    expect(chinaDate(Date.UTC(2026, 8, 30, 15, 59, 59, 999))).toBe('2026-09-30');
  });

  test('an instant at 16:00 UTC is already the next day in China', () => {
    expect(chinaDate(Date.UTC(2026, 8, 30, 16, 0, 0, 0))).toBe('2026-10-01');
  });

  test('the host time zone does not change the China date', () => {
    const instants = [Date.UTC(2026, 8, 30, 15, 59), Date.UTC(2026, 8, 30, 16, 1), Date.UTC(2026, 11, 31, 20)];
    const inShanghai = inTimeZone('Asia/Shanghai', () => instants.map(chinaDate));
    const inNewYork = inTimeZone('America/New_York', () => instants.map(chinaDate));
    const inUtc = inTimeZone('UTC', () => instants.map(chinaDate));
    expect(inNewYork).toEqual(['2026-09-30', '2026-10-01', '2027-01-01']);
    expect(inShanghai).toEqual(inNewYork);
    expect(inUtc).toEqual(inNewYork);
  });
});

describe('endOfChinaDay', () => {
  test('is the last millisecond of the day in China (16:00 UTC minus 1 ms)', () => {
    const end = endOfChinaDay('2026-10-10');
    expect(end).toBe(Date.UTC(2026, 9, 10, 16) - 1);
    expect(chinaDate(end)).toBe('2026-10-10');
    expect(chinaDate(end + 1)).toBe('2026-10-11');
  });

  test('refuses malformed and impossible dates', () => {
    expect(() => endOfChinaDay('2026-2-3')).toThrow(RangeError);
    expect(() => endOfChinaDay('2026-02-30')).toThrow(RangeError);
  });
});

describe('isWorkday with the statutory calendar', () => {
  test.each([
    ['2026-10-01', false, '国庆节 on a Thursday is a day off'],
    ['2026-10-03', false, 'a Saturday inside 国庆 is a day off'],
    ['2026-10-10', true, 'the 国庆 make-up Saturday is a working day'],
    ['2026-02-14', true, 'the 春节 make-up Saturday is a working day'],
    ['2026-02-16', false, 'a Monday of 春节 is a day off'],
    ['2026-11-21', false, 'an ordinary Saturday is a day off'],
    ['2026-11-23', true, 'an ordinary Monday is a working day'],
  ])('%s → %s: %s', (date, expected) => {
    expect(isWorkday(date)).toBe(expected);
  });

  test('agrees with chinese-days on every day it covers (2004–2026, host in China)', () => {
    const calendar = statutoryCalendar(() => {
      throw new Error('no year in range may be uncovered');
    });
    const mismatches = inTimeZone('Asia/Shanghai', () => {
      const out: string[] = [];
      for (let day = `${STATUTORY_YEARS.first}-01-01`; day <= `${STATUTORY_YEARS.last}-12-31`; day = addDays(day, 1)) {
        if (calendar.isWorkday(day) !== chineseDays.isWorkday(day)) out.push(day);
      }
      return out;
    });
    expect(mismatches).toEqual([]);
  });

  test('refuses a malformed date instead of guessing', () => {
    expect(() => isWorkday('2026-2-3')).toThrow(RangeError);
    expect(() => addWorkingDays('2026-13-01', 0)).toThrow(RangeError);
  });

  test('covers 2004 through 2026', () => {
    expect(STATUTORY_YEARS).toEqual({ first: 2004, last: 2026 });
  });

  test('outside the covered years it counts Monday to Friday and says so once per year', () => {
    const told: number[] = [];
    const calendar = statutoryCalendar((year) => told.push(year));
    expect(calendar.isWorkday('2027-01-01')).toBe(true);
    expect(calendar.isWorkday('2027-01-02')).toBe(false);
    expect(calendar.isWorkday('2027-02-08')).toBe(true);
    expect(calendar.isWorkday('2003-05-01')).toBe(true);
    expect(told).toEqual([2027, 2003]);
  });
});

describe('addWorkingDays', () => {
  test('a 3-working-day case assigned on 2026-09-30 is due after 国庆, on the 2026-10-10 make-up Saturday', () => {
    expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
  });

  test('a 13-working-day case assigned on 2026-09-30 skips the whole 国庆 week', () => {
    expect(addWorkingDays('2026-09-30', 13)).toBe('2026-10-23');
  });

  test('a 3-working-day case assigned on the Friday before 春节 2026 counts the make-up Saturday and resumes after the holiday', () => {
    expect(addWorkingDays('2026-02-13', 3)).toBe('2026-02-25');
  });

  test('weekends do not count: one working day after a Friday is the Monday', () => {
    expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23');
  });

  test('the assignment day never counts, even when it is a Saturday', () => {
    expect(addWorkingDays('2026-11-21', 1)).toBe('2026-11-23');
  });

  test('zero working days is the date itself and negative counts go backwards', () => {
    expect(addWorkingDays('2026-10-10', 0)).toBe('2026-10-10');
    expect(addWorkingDays('2026-10-10', -2)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-08', -1)).toBe('2026-09-30');
  });

  test('refuses a fractional count', () => {
    expect(() => addWorkingDays('2026-10-10', 1.5)).toThrow(RangeError);
  });

  test('a calendar without any working day fails instead of looping forever', () => {
    const never: WorkCalendar = { isWorkday: () => false };
    expect(() => addWorkingDays('2026-01-01', 1, never)).toThrow(/没有工作日/);
  });
});

describe('workingDaysBetween', () => {
  test('counts the working days stepped from the first date to the second, negative going backwards', () => {
    expect(workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3);
    expect(workingDaysBetween('2026-10-10', '2026-09-30')).toBe(-3);
    expect(workingDaysBetween('2026-10-10', '2026-10-10')).toBe(0);
    expect(workingDaysBetween('2026-10-01', '2026-10-07')).toBe(0);
  });

  test('going back from a Saturday, the Friday before is one working day away', () => {
    expect(workingDaysBetween('2026-11-21', '2026-11-20')).toBe(-1);
    expect(workingDaysBetween('2026-11-20', '2026-11-21')).toBe(0);
  });

  test('undoes addWorkingDays for every day of 2026 and counts from -15 to 15', () => {
    const failures: string[] = [];
    for (let day = '2026-01-01'; day <= '2026-12-31'; day = addDays(day, 1)) {
      for (let n = -15; n <= 15; n += 1) {
        if (workingDaysBetween(day, addWorkingDays(day, n)) !== n) failures.push(`${day} ${n}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('holidaysOfYear', () => {
  test('lists 2026 days off and make-up days with Chinese names, sorted by date', () => {
    const days = holidaysOfYear(2026);
    expect(days).toContainEqual({ date: '2026-10-01', name: '国庆节', isWorkday: false });
    expect(days).toContainEqual({ date: '2026-10-10', name: '国庆节', isWorkday: true });
    expect(days.filter((day) => day.name === '春节' && !day.isWorkday).map((day) => day.date)).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(days.map((day) => day.date)).toEqual([...days.map((day) => day.date)].sort());
    expect(days.every((day) => day.date.startsWith('2026-'))).toBe(true);
  });

  test('refuses a year the package does not cover, naming the covered range', () => {
    expect(() => holidaysOfYear(2027)).toThrow(/2027.*2004–2026/);
  });
});

describe('calendarWithOverrides', () => {
  const spring2027: WorkCalendar = calendarWithOverrides(
    [
      { date: '2027-02-06', name: '春节', isWorkday: false },
      { date: '2027-02-07', name: '春节', isWorkday: false },
      { date: '2027-02-08', name: '春节', isWorkday: false },
      { date: '2027-02-09', name: '春节', isWorkday: false },
      { date: '2027-02-10', name: '春节', isWorkday: false },
      { date: '2027-02-11', name: '春节', isWorkday: false },
      { date: '2027-02-12', name: '春节', isWorkday: false },
      { date: '2027-02-20', name: '春节', isWorkday: true },
    ],
    statutoryCalendar(() => undefined),
  );

  test('days entered for a new year override the Monday–Friday fallback', () => {
    expect(spring2027.isWorkday('2027-02-08')).toBe(false);
    expect(spring2027.isWorkday('2027-02-20')).toBe(true);
    expect(addWorkingDays('2027-02-05', 3, spring2027)).toBe('2027-02-17');
  });

  test('days not listed keep the base calendar', () => {
    expect(spring2027.isWorkday('2026-10-10')).toBe(true);
    expect(spring2027.isWorkday('2026-10-01')).toBe(false);
  });
});

test('one hour either side of midnight in China falls on different dates', () => {
  const midnight = Date.UTC(2026, 9, 9, 16);
  expect(chinaDate(midnight - HOUR)).toBe('2026-10-09');
  expect(chinaDate(midnight + HOUR)).toBe('2026-10-10');
});
