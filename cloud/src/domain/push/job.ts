/**
 * A push job from what a feature asks for: audience + message + schedule + origin. The job's id is a hash of the origin
 * (feature + idempotency key), so publishing the same origin twice — a retry after a timeout, a double tap, two timer
 * fires of a daily run — finds the first job instead of making a second one.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../../src/shared/errors';
import type { TemplateKey } from '../../../../src/shared/notify';
import { emptyCounts, orgTarget, type BroadcastDoc, type PushAudience, type PushJobDoc, type PushJobStatus, type RecipientText } from '../../../../src/shared/push';

export interface PushRequest {
  origin: { feature: string; key: string };
  audience: Partial<PushAudience>;
  message: {
    kind: string;
    title: string;
    body: string;
    link: string | null;
    template?: TemplateKey | null;
    values?: Record<string, string>;
    personal?: Record<string, Record<string, string>>;
    texts?: Record<string, RecipientText>;
  };
  /** Epoch ms; omitted or past: now. */
  sendAt?: number;
  scopePath: string[];
  by: { openid: string; name: string };
}

/** The job's id: the same origin always gives the same id. */
export function jobId(origin: { feature: string; key: string }): string {
  return `job-${createHash('sha256').update(`${origin.feature}\n${origin.key}`).digest('hex').slice(0, 32)}`;
}

/** Whether the roster members of the addressed nodes are recipients (not when only deputies or staff are chosen). */
export function addressesMembers(audience: Pick<PushAudience, 'orgIds' | 'roles'>): boolean {
  return audience.orgIds.length > 0 && (!audience.roles?.length || audience.roles.includes('member'));
}

/**
 * Org nodes without a tag, status or role filter are a broadcast (stored once, read by everyone addressed); named users
 * (deputies and staff among them), per-recipient values or a filter make it personal (one inbox entry per recipient,
 * written by the worker).
 */
export function modeOf(audience: PushAudience, personalValues: boolean): PushJobDoc['mode'] {
  const filtered = audience.tags.length > 0 || (audience.statuses ?? []).length > 0;
  const everyMember = addressesMembers(audience) && (audience.roles ?? []).every((role) => role === 'member');
  return audience.openids.length === 0 && everyMember && !filtered && !personalValues ? 'broadcast' : 'personal';
}

export function buildJob(request: PushRequest, now: number): PushJobDoc {
  const audience: PushAudience = {
    orgIds: [...new Set(request.audience.orgIds ?? [])],
    tags: [...new Set(request.audience.tags ?? [])],
    statuses: [...new Set(request.audience.statuses ?? [])],
    openids: [...new Set((request.audience.openids ?? []).filter(Boolean))],
    ...(request.audience.roles?.length ? { roles: [...new Set(request.audience.roles)] } : {}),
  };
  if (audience.orgIds.length === 0 && audience.openids.length === 0) throw new AppError('PUSH.NO_AUDIENCE', '请选择要通知的支部或人员');
  const personal = request.message.personal ?? {};
  const texts = request.message.texts ?? {};
  const sendAt = Math.max(now, request.sendAt ?? now);
  return {
    _id: jobId(request.origin),
    origin: request.origin,
    mode: modeOf(audience, Object.keys(personal).length > 0 || Object.keys(texts).length > 0),
    audience,
    message: {
      kind: request.message.kind,
      title: request.message.title,
      body: request.message.body,
      link: request.message.link,
      template: request.message.template ?? null,
      values: request.message.values ?? {},
      personal,
      ...(Object.keys(texts).length > 0 ? { texts } : {}),
    },
    sendAt,
    status: sendAt > now ? 'scheduled' : 'running',
    cursor: '',
    leaseUntil: 0,
    leaseBy: '',
    slices: 0,
    counts: emptyCounts(),
    scopePath: request.scopePath,
    byOpenid: request.by.openid,
    byName: request.by.name,
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
  };
}

/** The one stored copy of a broadcast (null for a personal job), addressed to the nodes and every branch below them. */
export function broadcastOf(job: PushJobDoc, branchIds: readonly string[]): BroadcastDoc | null {
  if (job.mode !== 'broadcast') return null;
  const { message } = job;
  const targets = [...new Set([...job.audience.orgIds, ...branchIds])].map(orgTarget);
  return { _id: job._id, targets, kind: message.kind, title: message.title, body: message.body, link: message.link, visibleAt: job.sendAt };
}

/** Whether a job needs the worker at all: a broadcast without a subscribe message is complete once stored. */
export const needsWorker = (job: PushJobDoc): boolean => job.mode === 'personal' || job.message.template !== null;

export type Steer = 'pause' | 'resume' | 'cancel';

/** Which statuses each staff action applies to, and the status it leaves. */
export const STEERS: Record<Steer, { from: PushJobStatus[]; to: (job: Pick<PushJobDoc, 'sendAt'>, now: number) => PushJobStatus }> = {
  pause: { from: ['scheduled', 'running'], to: () => 'paused' },
  resume: { from: ['paused'], to: (job, now) => (job.sendAt > now ? 'scheduled' : 'running') },
  cancel: { from: ['scheduled', 'running', 'paused'], to: () => 'cancelled' },
};

export function steerRefusal(action: Steer, status: PushJobStatus): AppError {
  const words: Record<Steer, string> = { pause: '暂停', resume: '继续', cancel: '取消' };
  return new AppError('PUSH.STATE', `这条通知${status === 'done' ? '已发送完毕' : status === 'cancelled' ? '已取消' : '当前状态'}，不能${words[action]}`, { status });
}
