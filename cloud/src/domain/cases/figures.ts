/**
 * Staff figures for 意见征询 cases (issue 4, item 9): one aggregation over `cases`, then plain arithmetic.
 *
 * Portability: production runs the pipeline on WeChat cloud's MongoDB through the SDK's chained aggregate API, which has
 * no `.facet()` (wx-server-sdk declares it, @cloudbase/database does not implement it), so the pipeline is only
 * $match → $group → $sort with $cond/$ifNull/$in/$and/$or/$not/$eq/$ne/$lt/$gte/$sum/$switch. It groups by month
 * (China time) and the totals are the sum of the month rows: the chart and the totals come from the same single query.
 *
 * Definitions (every case created in [from, to); "open" = awaiting a reply: state is not replied, rated, closed or
 * refused — narrower than OPEN_STATES in src/shared/cases/states.ts, which keeps replied open for 我也遇到):
 * - received: every case; assigned: 批办 at least once (`assignedAt` set); answered: replied at least once
 *   (`firstRepliedAt` set); assignedAnswered: both — the Y of "批办答复 Y 件".
 * - overdueOpen: open AND (marked `overdue` by the timer OR its deadline day (UTC+8) is before the day of `now`) — the
 *   timer runs once a day and figures must not wait for it.
 * - onTime: `repliedOnTime` true. rated: `rating` set (the latest rating after a 重办). satisfied: rated with
 *   `solved` 'yes' or 'partly'. attitudeSum: the sum of 态度 (1..5) over rated cases. Only the reporter's rating counts:
 *   我也遇到 co-reporters' own ratings (`followerRatings`) stay out, so each case is one judgement (a case many joined
 *   does not outweigh others, and periods stay comparable); admins read them on the case page.
 * - These figures are for admins (`case.figures`); a deputy sees only his own month totals over at least 5 ratings
 *   (ratings.ts), never one case's rating.
 * - 响应率 = assigned / received.
 * - 答复率 = answered / answerBase, answerBase = cases answered OR still open past their deadline (each case once, so a
 *   reopened overdue case cannot count twice and the rate never exceeds 100%). Open cases not yet due are not in it.
 * - 按时答复率 = onTime / answerBase (a late open case is not on time either).
 * - 满意率 = satisfied / satisfactionBase, satisfactionBase = rated OR still open past the deadline (policy: "still-open
 *   overdue cases in the denominators" — an overdue case counts against satisfaction until it is answered and rated).
 * - 态度均分 = attitudeSum / rated.
 * - aging of open cases by whole days since submission at `now`: 0–3, 4–7, 8–15, over 15.
 * Roll-up: every ancestor node id is in `orgPath`, so matching `{ orgPath: nodeId }` already covers the subtree.
 */
import type { AgingBuckets, CaseCounts, CaseFigures, CaseRates, MonthFigures } from '../../../../src/shared/cases/views';
import { AppError, ErrorCodes } from '../../../../src/shared/errors';
import { CHINA_OFFSET_MS, chinaDate, DAY_MS } from '../../../../src/shared/calendar';

/** One aggregation stage, e.g. `{ $match: {...} }` (plain data: infra/aggregate.ts turns it into SDK calls). */
export type PipelineStage = Record<string, unknown>;

export interface FiguresQuery {
  /** Organisation node (community, street, district): every case whose orgPath contains it. */
  orgNodeId?: string;
  studioId?: string;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  /** Epoch ms "now", passed in so the pipeline is deterministic (aging, deadlines passed). */
  now: number;
}

const DAY = DAY_MS;
const CHINA_OFFSET = CHINA_OFFSET_MS;
/** A pipeline with one $switch branch per month: ten years is plenty for a figures page. */
const MAX_MONTHS = 120;
const NOT_AWAITING_REPLY = ['replied', 'rated', 'closed', 'refused'];
const SATISFIED = ['yes', 'partly'];

const COUNT_KEYS: ReadonlyArray<keyof CaseCounts> = [
  'received', 'assigned', 'answered', 'assignedAnswered', 'onTime', 'open', 'overdueOpen', 'answerBase',
  'rated', 'satisfied', 'satisfactionBase', 'attitudeSum',
];
const AGING_KEYS: ReadonlyArray<keyof AgingBuckets> = ['days0to3', 'days4to7', 'days8to15', 'over15'];

/** The single aggregation for the figures of a scope and period (see the module comment for every definition). */
export function figuresPipeline(query: FiguresQuery): PipelineStage[] {
  const { from, to, now } = query;
  if (![from, to, now].every(Number.isFinite) || from >= to) {
    throw new AppError(ErrorCodes.INPUT_INVALID, '统计时段不正确', { from, to, now });
  }
  const match: Record<string, unknown> = { createdAt: { $gte: from, $lt: to } };
  if (query.orgNodeId) match.orgPath = query.orgNodeId;
  if (query.studioId) match.studioId = query.studioId;

  const open = { $not: [{ $in: ['$state', NOT_AWAITING_REPLY] }] };
  const pastDeadline = { $lt: [{ $ifNull: ['$deadline', '9999-12-31'] }, chinaDate(now)] };
  const overdueOpen = { $and: [open, { $or: [{ $eq: ['$overdue', true] }, pastDeadline] }] };
  const answered = isSet('$firstRepliedAt');
  const assigned = isSet('$assignedAt');
  const rated = isSet('$rating');
  const satisfied = { $and: [rated, { $in: [{ $ifNull: ['$rating.solved', ''] }, SATISFIED] }] };
  // Age in whole days < n  ⇔  createdAt > now - n days.
  const youngerThan = (days: number) => ({ $gt: ['$createdAt', now - days * DAY] });
  const openAged = (minDays: number, maxDays: number | null) => ({
    $and: [open, ...(minDays > 0 ? [{ $not: [youngerThan(minDays)] }] : []), ...(maxDays === null ? [] : [youngerThan(maxDays + 1)])],
  });

  // Each counter is the number of cases for which its condition holds.
  const conditions: Record<Exclude<keyof CaseCounts, 'attitudeSum'> | keyof AgingBuckets, unknown> = {
    received: true,
    assigned,
    answered,
    assignedAnswered: { $and: [assigned, answered] },
    onTime: { $eq: ['$repliedOnTime', true] },
    open,
    overdueOpen,
    answerBase: { $or: [answered, overdueOpen] },
    rated,
    satisfied,
    satisfactionBase: { $or: [rated, overdueOpen] },
    days0to3: openAged(0, 3),
    days4to7: openAged(4, 7),
    days8to15: openAged(8, 15),
    over15: openAged(16, null),
  };
  const group: Record<string, unknown> = { _id: monthKey(from, to) };
  for (const [key, condition] of Object.entries(conditions)) {
    group[key] = { $sum: condition === true ? 1 : { $cond: [condition, 1, 0] } };
  }
  group.attitudeSum = { $sum: { $ifNull: ['$rating.attitude', 0] } };

  return [{ $match: match }, { $group: group }, { $sort: { _id: 1 } }];
}

/** Turns the aggregation's month rows into figures; with `period`, months without cases appear with zeros. */
export function figuresFromAggregate(raw: ReadonlyArray<Record<string, unknown>>, period?: { from: number; to: number }): CaseFigures {
  const byMonth = new Map<string, { counts: CaseCounts; aging: AgingBuckets }>();
  if (period) for (const month of monthsOf(period.from, period.to)) byMonth.set(month.label, { counts: zeroCounts(), aging: zeroAging() });
  // Rows with the same month (e.g. figures of several streets put together) add up.
  for (const row of raw) {
    const month = String(row._id);
    const entry = byMonth.get(month) ?? { counts: zeroCounts(), aging: zeroAging() };
    for (const key of COUNT_KEYS) entry.counts[key] += numberOf(row[key]);
    for (const key of AGING_KEYS) entry.aging[key] += numberOf(row[key]);
    byMonth.set(month, entry);
  }
  const counts = zeroCounts();
  const aging = zeroAging();
  const months: MonthFigures[] = [];
  for (const [month, entry] of [...byMonth.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const key of COUNT_KEYS) counts[key] += entry.counts[key];
    for (const key of AGING_KEYS) aging[key] += entry.aging[key];
    months.push({ month, counts: entry.counts, rates: ratesOf(entry.counts) });
  }
  return { counts, rates: ratesOf(counts), aging, months, summaryLine: summaryLine(counts) };
}

/** "收集意见征询表 X 份，批办答复 Y 件", generated from the counts. */
export function summaryLine(counts: Pick<CaseCounts, 'received' | 'assignedAnswered'>): string {
  return `收集意见征询表 ${counts.received} 份，批办答复 ${counts.assignedAnswered} 件`;
}

function ratesOf(c: CaseCounts): CaseRates {
  return {
    response: ratio(c.assigned, c.received),
    answer: ratio(c.answered, c.answerBase),
    onTime: ratio(c.onTime, c.answerBase),
    satisfaction: ratio(c.satisfied, c.satisfactionBase),
    attitudeAverage: ratio(c.attitudeSum, c.rated),
  };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** True when the field holds a value (missing and null are "not set", in MongoDB and mingo alike). */
function isSet(path: string): Record<string, unknown> {
  return { $ne: [{ $ifNull: [path, null] }, null] };
}

/** The group key: the China-time month of createdAt, as a $switch over month boundaries computed here. */
function monthKey(from: number, to: number): unknown {
  const months = monthsOf(from, to);
  if (months.length > MAX_MONTHS) throw new AppError(ErrorCodes.INPUT_INVALID, `统计时段不能超过 ${MAX_MONTHS} 个月`);
  const last = months[months.length - 1].label;
  // A plain string is a constant key (MongoDB's $switch needs at least one branch).
  if (months.length === 1) return last;
  const branches = months.slice(0, -1).map((month, i) => ({ case: { $lt: ['$createdAt', months[i + 1].start] }, then: month.label }));
  return { $switch: { branches, default: last } };
}

/** The China-time months that [from, to) touches, each with the epoch ms at which it starts. */
function monthsOf(from: number, to: number): Array<{ label: string; start: number }> {
  const first = new Date(from + CHINA_OFFSET);
  let year = first.getUTCFullYear();
  let month = first.getUTCMonth();
  const months: Array<{ label: string; start: number }> = [];
  for (;;) {
    const start = Date.UTC(year, month, 1) - CHINA_OFFSET;
    if (start >= to || months.length > MAX_MONTHS) break;
    months.push({ label: `${year}-${String(month + 1).padStart(2, '0')}`, start });
    month += 1;
    if (month === 12) [year, month] = [year + 1, 0];
  }
  return months;
}

function numberOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function zeroCounts(): CaseCounts {
  return {
    received: 0, assigned: 0, answered: 0, assignedAnswered: 0, onTime: 0, open: 0, overdueOpen: 0, answerBase: 0,
    rated: 0, satisfied: 0, satisfactionBase: 0, attitudeSum: 0,
  };
}

function zeroAging(): AgingBuckets {
  return { days0to3: 0, days4to7: 0, days8to15: 0, over15: 0 };
}

export type { AgingBuckets, CaseCounts, CaseFigures, CaseRates, MonthFigures };
