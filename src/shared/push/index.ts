/**
 * 推送引擎 as stored and shown, shared by client and cloud. Platform-free.
 *
 * A job = audience + message + schedule + origin. Its `_id` is derived from the origin (feature + idempotency key), so
 * the same origin never makes two jobs: a retried or doubled publish finds the job it made.
 *
 * Fan-out on read for broadcasts. A notice to org nodes (branches, a community, the whole street) is stored ONCE, in
 * `push_broadcasts`, with its targets (`org:<id>`); a member's inbox page reads their own entries and the broadcasts
 * addressed to their branch or any node above it — two indexed queries — and a read writes one entry for that member.
 * So a broadcast to 100,000 members costs a handful of writes and is visible to all of them the moment it is published
 * (bench: push suite). Fan-out on write would be 100,000 inbox writes spread over minutes of timer slices.
 * Personal messages (explicit recipients, per-recipient values, a tag filter) are written per recipient by the worker,
 * each under the id `push:<job>:<openid>`, so a rerun, a crash between slices or two workers never add a second one.
 * Subscribe messages go one per recipient from the timer-driven worker; see the cloud's domain/push.
 */
import type { TemplateKey } from '../notify';

export type PushJobStatus = 'scheduled' | 'running' | 'paused' | 'cancelled' | 'done';

/** What happened to one recipient's subscribe message ('delivered': inbox only, no subscribe message asked for). */
export type DeliveryState = 'sending' | 'sent' | 'no_credit' | 'failed' | 'unknown' | 'delivered';

/** Who under the addressed nodes a job is for: party members (the roster), deputies of studios there, staff there. */
export const PUSH_ROLES = ['member', 'deputy', 'staff'] as const;
export type PushRole = (typeof PUSH_ROLES)[number];
export const PUSH_ROLE_LABEL: Record<PushRole, string> = { member: '党员', deputy: '党代表', staff: '管理员' };

export interface PushAudience {
  /** Org nodes (a branch, a community, a street): the members of their branches (and the role holders under them). */
  orgIds: string[];
  /** Only members carrying one of these roster tags (在职, 流动, …); empty: everyone. */
  tags: string[];
  /** Only members of these 组织关系 statuses (正常, 流动党员); absent or empty: every current member. */
  statuses?: string[];
  /** Named users (personal messages), by openid; with `roles`, also the deputies and staff they resolved to. */
  openids: string[];
  /**
   * Roles under `orgIds`: 'member' (the roster), 'deputy' (deputies of studios under the nodes), 'staff' (admins of the
   * nodes and those below). Absent or empty: members only. Deputies and staff are resolved into `openids` when the job
   * is published (those who are also addressed members are left out, so nobody counts twice).
   */
  roles?: PushRole[];
}

export interface PushMessage {
  kind: string;
  title: string;
  body: string;
  link: string | null;
  /** Subscribe message sent too, to recipients holding a credit for the template. */
  template: TemplateKey | null;
  values: Record<string, string>;
  /** Per-recipient template values (personal messages), by openid; merged over `values`. */
  personal: Record<string, Record<string, string>>;
  /** Per-recipient inbox text and page (a greeting naming each member), by openid; over title/body/link. */
  texts?: Record<string, RecipientText>;
}

/** What one recipient's inbox entry says when it differs from the job's (personal jobs only). */
export interface RecipientText {
  title?: string;
  body?: string;
  link?: string | null;
}

export interface PushCounts {
  /** Reachable recipients (members bound to WeChat, named users). */
  recipients: number;
  /** Recipients whose inbox shows it. */
  reached: number;
  /** Recipients the worker has finished (any final outcome). */
  processed: number;
  sent: number;
  noCredit: number;
  failed: number;
  /** WeChat's errcode → how many sends failed with it. */
  failedCodes: Record<string, number>;
  /** Left 'sending' by a crashed worker: WeChat may or may not have it; never sent again. */
  unknown: number;
  /** Members of the audience not bound to WeChat (未绑定，需线下告知). */
  unreachable: number;
}

/** `push_jobs`. */
export interface PushJobDoc {
  _id: string;
  origin: { feature: string; key: string };
  /** Broadcast: one stored message read by everyone addressed (fan-out on read); personal: one inbox entry each. */
  mode: 'broadcast' | 'personal';
  audience: PushAudience;
  message: PushMessage;
  /** When it becomes visible and sending may start (ms). */
  sendAt: number;
  status: PushJobStatus;
  /** Roster entry id (or index into audience.openids) the next slice starts after. */
  cursor: string;
  /** A worker holds the job until this time (wall clock ms); another takes it only after. */
  leaseUntil: number;
  leaseBy: string;
  slices: number;
  counts: PushCounts;
  /** The admin's node the job was published under (scope of who may see and steer it). */
  scopePath: string[];
  byOpenid: string;
  byName: string;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

/** `push_deliveries`: one per (job, recipient), `_id` `<job>:<openid>`, claimed before WeChat is called. */
export interface DeliveryDoc {
  _id: string;
  jobId: string;
  openid: string;
  state: DeliveryState;
  code: number | null;
  at: number;
}

/** `push_broadcasts`: the one stored copy of a broadcast; `_id` = the job's. */
export interface BroadcastDoc {
  _id: string;
  /** `org:<id>` per addressed node and per branch below it: a member's inbox asks for `org:<their branch>`. */
  targets: string[];
  kind: string;
  title: string;
  body: string;
  link: string | null;
  visibleAt: number;
}

export const orgTarget = (orgId: string): string => `org:${orgId}`;

/** The inbox entry id of a personal push, or of a member's read mark on a broadcast. */
export const pushInboxId = (jobId: string, openid: string): string => `push:${jobId}:${openid}`;

export const emptyCounts = (): PushCounts => ({
  recipients: 0,
  reached: 0,
  processed: 0,
  sent: 0,
  noCredit: 0,
  failed: 0,
  failedCodes: {},
  unknown: 0,
  unreachable: 0,
});

/** A job in the staff list. */
export interface PushJobView {
  id: string;
  title: string;
  body: string;
  status: PushJobStatus;
  sendAt: number;
  createdAt: number;
  byName: string;
  /** Names of the addressed nodes. */
  audienceNames: string[];
  template: TemplateKey | null;
  counts: PushCounts;
  /** 0..100: finished recipients (reached, and sent/failed when a subscribe message goes too) of all reachable ones. */
  percent: number;
}

/** A member the notice cannot reach in WeChat. */
export interface UnreachableMember {
  rosterId: string;
  name: string;
  branchName: string;
}

export const JOB_STATUS_LABEL: Record<PushJobStatus, string> = {
  scheduled: '待发送',
  running: '发送中',
  paused: '已暂停',
  cancelled: '已取消',
  done: '已完成',
};

/** Progress as shown: with a subscribe message, finished sends; without, inbox reach (immediate for a broadcast). */
export function jobPercent(job: Pick<PushJobDoc, 'counts' | 'message'>): number {
  const { recipients, processed, reached } = job.counts;
  if (recipients === 0) return 100;
  const done = job.message.template ? processed : reached;
  return Math.min(100, Math.floor((done / recipients) * 100));
}
