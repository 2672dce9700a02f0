/**
 * Tencent CloudBase timer-trigger cron: 7 fields (second minute hour day-of-month month day-of-week year), evaluated in
 * China Standard Time (UTC+8, no daylight saving) whatever the host's TZ, as production evaluates it.
 * Supports `*`, lists `a,b`, ranges `a-b`, steps `* /n` and `a-b/n`, month names JAN–DEC and weekday names SUN–SAT
 * (0 = Sunday). Tencent refuses an expression that restricts both day-of-month and day-of-week.
 */

const UTC8_MS = 8 * 3600_000;
const MAX_YEAR = 2099;

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
}

const FIELDS: FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day-of-week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
  { name: 'year', min: 1970, max: MAX_YEAR },
];

/** A parsed cron expression: the allowed values of each field. */
export interface CronSchedule {
  expression: string;
  seconds: Set<number>;
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  years: Set<number>;
  /** False when the field is `*`: Tencent's rule makes the other day field decide alone. */
  dayRestricted: boolean;
  weekdayRestricted: boolean;
}

export class CronError extends Error {
  constructor(expression: string, reason: string) {
    super(`定时触发器 cron 表达式无效 "${expression}": ${reason}`);
    this.name = 'CronError';
  }
}

/** Parses a 7-field Tencent cron expression; throws CronError with the reason when it is invalid. */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 7) throw new CronError(expression, `需要 7 个字段（秒 分 时 日 月 星期 年），实际 ${parts.length} 个`);
  const sets = parts.map((part, index) => parseField(expression, part, FIELDS[index]));
  const dayRestricted = parts[3] !== '*';
  const weekdayRestricted = parts[5] !== '*';
  if (dayRestricted && weekdayRestricted) {
    throw new CronError(expression, '日 与 星期 不能同时指定（其中一个须为 *）');
  }
  const [seconds, minutes, hours, days, months, weekdays, years] = sets;
  return { expression, seconds, minutes, hours, days, months, weekdays, years, dayRestricted, weekdayRestricted };
}

function parseField(expression: string, text: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [rangeText, stepText, extra] = item.split('/');
    if (extra !== undefined || rangeText === '') throw new CronError(expression, `${spec.name} 字段 "${item}" 格式不对`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) throw new CronError(expression, `${spec.name} 字段步长 "${stepText}" 无效`);
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (rangeText === '*') {
      [from, to] = [spec.min, spec.max];
    } else if (rangeText.includes('-')) {
      const [a, b] = rangeText.split('-');
      [from, to] = [value(expression, a, spec), value(expression, b, spec)];
      if (from > to) throw new CronError(expression, `${spec.name} 字段范围 "${rangeText}" 起点大于终点`);
    } else {
      from = value(expression, rangeText, spec);
      // `5/15` means from 5 to the end in steps of 15, as in Quartz-style crons.
      to = stepText !== undefined ? spec.max : from;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function value(expression: string, text: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  const n = named >= 0 ? named + (spec.name === 'month' ? 1 : 0) : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < spec.min || n > spec.max) {
    throw new CronError(expression, `${spec.name} 字段的值 "${text}" 不在 ${spec.min}-${spec.max} 内`);
  }
  return n;
}

/** The first instant strictly after `after` that the schedule fires at, or null when it never fires again. */
export function nextFire(schedule: CronSchedule, after: Date): Date | null {
  // Work on a "wall clock" in UTC+8 represented as a UTC date, so getUTC* read Beijing time fields.
  let t = new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000 + UTC8_MS);
  while (t.getUTCFullYear() <= MAX_YEAR) {
    const year = t.getUTCFullYear();
    if (!schedule.years.has(year)) {
      t = new Date(Date.UTC(year + 1, 0, 1));
      continue;
    }
    const month = t.getUTCMonth() + 1;
    if (!schedule.months.has(month)) {
      t = new Date(Date.UTC(year, month, 1));
      continue;
    }
    if (!dayMatches(schedule, t)) {
      t = new Date(Date.UTC(year, month - 1, t.getUTCDate() + 1));
      continue;
    }
    if (!schedule.hours.has(t.getUTCHours())) {
      t = new Date(Date.UTC(year, month - 1, t.getUTCDate(), t.getUTCHours() + 1));
      continue;
    }
    if (!schedule.minutes.has(t.getUTCMinutes())) {
      t = new Date(Date.UTC(year, month - 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes() + 1));
      continue;
    }
    if (!schedule.seconds.has(t.getUTCSeconds())) {
      t = new Date(t.getTime() + 1000);
      continue;
    }
    return new Date(t.getTime() - UTC8_MS);
  }
  return null;
}

function dayMatches(schedule: CronSchedule, wallClock: Date): boolean {
  if (schedule.dayRestricted) return schedule.days.has(wallClock.getUTCDate());
  if (schedule.weekdayRestricted) return schedule.weekdays.has(wallClock.getUTCDay());
  return true;
}
