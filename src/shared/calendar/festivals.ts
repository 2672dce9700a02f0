/**
 * The festivals 廉政提醒 follow — 元旦, 春节, 元宵, 清明, 五一, 端午, 中秋, 国庆 — with their dates for any year 1901–2099:
 * fixed solar dates, lunar dates from chinese-days' lunar table, and 清明 from the solar-term formula.
 *
 * Kept out of the calendar index on purpose: it loads the whole chinese-days library, which only the cloud needs
 * (pages receive festival dates from the `care` function). The library converts lunar dates in the host's local time:
 * right in UTC and UTC+8 (cloud functions, tests), not west of UTC — call it on the cloud only.
 */
import { getSolarDateFromLunar } from 'chinese-days';
import { addDays } from './dates';
import { FESTIVALS, type Festival, type FestivalKey } from './festival-names';

export { FESTIVALS, FESTIVAL_KEYS, festivalName, type Festival, type FestivalKey } from './festival-names';

/** The years the lunar table and the 21st/20th-century solar-term constants cover. */
export const FESTIVAL_YEARS = Object.freeze({ first: 1901, last: 2099 });

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FESTIVAL_YEARS.first || year > FESTIVAL_YEARS.last) {
    throw new RangeError(`节日日期只能计算 ${FESTIVAL_YEARS.first}–${FESTIVAL_YEARS.last} 年: ${year}`);
  }
}

function lunar(year: number, month: number, day: number): string {
  // A regular (not leap) month: for a leap 5th or 8th month the festival is in the regular one.
  return getSolarDateFromLunar(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`).date;
}

/**
 * 清明 (the 5th solar term, in April): ⌊Y·0.2422 + C⌋ − ⌊Y/4⌋ with Y the year's last two digits, C = 4.81 in the
 * 21st century and 5.59 in the 20th — the formula chinese-days uses, which lists no exception year for 清明. Computed
 * here without its date parsing, so no host time zone shifts it.
 */
export function qingmingDate(year: number): string {
  checkYear(year);
  const y = year % 100;
  const c = year >= 2000 ? 4.81 : 5.59;
  const day = Math.floor(y * 0.2422 + c) - Math.floor(y / 4);
  return `${year}-04-${String(day).padStart(2, '0')}`;
}

/** The festival's own day in the year ('YYYY-MM-DD'). */
export function festivalDay(key: FestivalKey, year: number): string {
  checkYear(year);
  switch (key) {
    case 'newYear':
      return `${year}-01-01`;
    case 'spring':
      return lunar(year, 1, 1);
    case 'lantern':
      return lunar(year, 1, 15);
    case 'qingming':
      return qingmingDate(year);
    case 'labour':
      return `${year}-05-01`;
    case 'dragonBoat':
      return lunar(year, 5, 5);
    case 'midAutumn':
      return lunar(year, 8, 15);
    case 'national':
      return `${year}-10-01`;
    default: {
      const unknown: never = key;
      throw new RangeError(`没有这个节日: ${String(unknown)}`);
    }
  }
}

/** 除夕: the day before 春节 (腊月 has 29 or 30 days, so "腊月三十" does not exist every year). */
export const newYearsEve = (year: number): string => addDays(festivalDay('spring', year), -1);

/** Every festival of the year with its day, in calendar order. */
export function festivalsOfYear(year: number): Array<Festival & { date: string }> {
  return FESTIVALS.map((festival) => ({ ...festival, date: festivalDay(festival.key, year) }));
}
