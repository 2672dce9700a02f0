/**
 * 政治生日寄语: which members have their political birthday today, and the day's one push job greeting each of them.
 *
 * Selection is by the indexed `joinedMonthDay` (the infra asks for `anniversaryMonthDays(today)` only — never a roster
 * scan); this module keeps the rules the index cannot: good standing, the first anniversary on, 29 February on 28
 * February in a common year only.
 *
 * Exactly once: the day's job has origin ('birthday', date), so its id is fixed for the date: a second fire, a late
 * fire the same day or a fire after a crash finds the job already made (publishJob → created: false) and adds
 * nothing; the push worker writes each member's inbox entry and delivery under ids derived from (job, openid).
 */
import {
  type BirthdayDelivery,
  BIRTHDAY_TITLE,
  birthdayCardLink,
  birthdayMessageBody,
  DEFAULT_GREETING,
  GOOD_STANDING,
  isPoliticalBirthday,
  yearsInParty,
} from '../../../../src/shared/birthday';
import { SYSTEM_ACTOR } from '../../../../src/shared/identity';
import { templateTime } from '../../../../src/shared/notify';
import type { RosterStatus } from '../../../../src/shared/roster';
import { pushInboxId } from '../../../../src/shared/push';
import { jobId, type PushRequest } from '../push/job';

export const BIRTHDAY_FEATURE = 'birthday';

/** The day's job id for a date: the same date always names the same job. */
export const birthdayJobId = (date: string): string => jobId({ feature: BIRTHDAY_FEATURE, key: date });

/** What the day's jobs left: the jobs (by id) and the inbox entries (by id) found for the members listed. */
export interface BirthdayTraces {
  jobs: ReadonlyMap<string, { status: string; audience: { openids: string[] } }>;
  entries: ReadonlyMap<string, { read: boolean }>;
}

/** How a member's greeting of `date` fared, as staff see it on `today`. */
export function deliveryOf(member: { boundOpenid: string | null }, date: string, today: string, traces: BirthdayTraces): BirthdayDelivery {
  const openid = member.boundOpenid;
  if (!openid) return 'unreachable';
  if (date > today) return 'pending';
  const entry = traces.entries.get(pushInboxId(birthdayJobId(date), openid));
  if (entry) return entry.read ? 'read' : 'reached';
  const job = traces.jobs.get(birthdayJobId(date));
  // Today before the run, or the worker has not reached them yet.
  if (date === today && !job) return 'pending';
  if (job && job.status !== 'done' && job.status !== 'cancelled' && job.audience.openids.includes(openid)) return 'pending';
  return 'missed';
}

/** The fields of a roster entry the run needs. */
export interface BirthdayEntry {
  _id: string;
  name: string;
  branchId: string;
  orgPath: string[];
  joinedAt: string;
  status: RosterStatus | string;
  boundOpenid: string | null;
}

/** Members whose 政治生日 is `today`: good standing, anniversary today (leap-day rule), not the join day itself. */
export function birthdaysOn<T extends BirthdayEntry>(entries: readonly T[], today: string): T[] {
  return entries.filter((entry) => (GOOD_STANDING as readonly string[]).includes(entry.status) && isPoliticalBirthday(entry.joinedAt, today));
}

/** A community's greeting: the nearest one set on the member's org path, else ours. */
export function greetingFor(orgPath: readonly string[], greetings: ReadonlyMap<string, string>): string {
  for (const id of [...orgPath].reverse()) {
    const found = greetings.get(id);
    if (found) return found;
  }
  return DEFAULT_GREETING;
}

export interface BirthdayRun {
  /** Members greeted through WeChat (bound). */
  reachable: BirthdayEntry[];
  /** Members with a birthday today not bound to WeChat (staff tell them offline). */
  unreachable: BirthdayEntry[];
  /** The day's job, or null when nobody bound has a birthday today. */
  request: PushRequest | null;
}

/** The day's job: one personal message per bound member, each with their own text, card link and subscribe values. */
export function birthdayRun(
  entries: readonly BirthdayEntry[],
  today: string,
  context: { branchName: (branchId: string) => string; greetings: ReadonlyMap<string, string>; rootPath: string[]; sendAt: number },
): BirthdayRun {
  const due = birthdaysOn(entries, today);
  const reachable = due.filter((entry) => entry.boundOpenid);
  const unreachable = due.filter((entry) => !entry.boundOpenid);
  if (reachable.length === 0) return { reachable, unreachable, request: null };
  const texts: NonNullable<PushRequest['message']['texts']> = {};
  const personal: Record<string, Record<string, string>> = {};
  for (const entry of reachable) {
    const openid = entry.boundOpenid as string;
    const years = yearsInParty(entry.joinedAt, today);
    const values = { name: entry.name, years, joinedAt: entry.joinedAt, branch: context.branchName(entry.branchId) };
    texts[openid] = { title: BIRTHDAY_TITLE, body: birthdayMessageBody(values, greetingFor(entry.orgPath, context.greetings)), link: birthdayCardLink(entry._id) };
    personal[openid] = { thing1: `${entry.name}同志，政治生日快乐`, thing2: `入党${years}周年，点此查看政治生日贺卡` };
  }
  return {
    reachable,
    unreachable,
    request: {
      origin: { feature: BIRTHDAY_FEATURE, key: today },
      audience: { openids: reachable.map((entry) => entry.boundOpenid as string) },
      // Each member reads their own text (`texts`); the job's own title and body are what staff see in the job list.
      message: {
        kind: 'birthday',
        title: `政治生日寄语 ${Number(today.slice(5, 7))}月${Number(today.slice(8, 10))}日`,
        body: `给当天过政治生日的 ${reachable.length} 位党员各发一条寄语`,
        link: null,
        template: 'notice',
        values: { time3: templateTime(context.sendAt) },
        personal,
        texts,
      },
      sendAt: context.sendAt,
      scopePath: context.rootPath,
      by: { openid: SYSTEM_ACTOR.openid, name: '政治生日寄语' },
    },
  };
}
