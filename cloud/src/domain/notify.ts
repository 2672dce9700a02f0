/**
 * The notification center's one rule: every notice lands in each recipient's in-app inbox; in addition a subscribe
 * message goes out when the recipient holds a credit for the template (one acceptance = one send). The credit is
 * spent before sending; 43101 (WeChat says: no subscription) clears it; any other failure gives it back.
 * A notice with a `key` is delivered at most once per recipient: its inbox entry has the id `<key>:<openid>`, and a
 * retry that finds the entry already there sends nothing again (neither the inbox entry nor the push).
 */
import { randomUUID } from 'node:crypto';
import type { TemplateKey } from '../../../src/shared/notify';
import { claimAndSend, type DeliveryPorts, type InboxEntry } from './push/deliver';

export interface Notice {
  to: string[];
  /** What makes this notice one and the same on a retry, e.g. case_reply:<case>:<version>; omitted: always new. */
  key?: string;
  /** Machine-readable kind, e.g. role_granted, case_replied. */
  kind: string;
  title: string;
  body: string;
  /** In-app deep link to the subject, e.g. '/pages/case/index?id=…'. */
  link: string | null;
  /** Subscribe message to send too, when the recipient holds a credit. */
  push?: { template: TemplateKey; values: Record<string, string> };
}

export type InboxDoc = InboxEntry;

export type PushOutcome = 'sent' | 'no_credit' | 'failed' | 'none' | 'already_delivered';

/** What happened to one recipient's notice ('already_delivered': a keyed notice they had, nothing added). */
export interface Delivery {
  openid: string;
  push: PushOutcome;
}

export interface NotifyPorts extends DeliveryPorts {
  now(): number;
}

/** Delivers a notice to every distinct recipient; resolves what happened to the push per recipient. */
export async function deliver(notice: Notice, ports: NotifyPorts): Promise<Delivery[]> {
  const recipients = [...new Set(notice.to.filter(Boolean))];
  const createdAt = ports.now();
  const outcomes: Delivery[] = [];
  for (const openid of recipients) {
    const doc: InboxDoc = { openid, kind: notice.kind, title: notice.title, body: notice.body, link: notice.link, createdAt, read: false };
    if (!(await ports.addInbox(notice.key ? { _id: inboxId(notice.key, openid), ...doc } : doc))) {
      outcomes.push({ openid, push: 'already_delivered' });
      continue;
    }
    outcomes.push({ openid, push: notice.push ? await push(openid, notice, notice.push, ports) : 'none' });
  }
  return outcomes;
}

/** The inbox entry's id for a keyed notice: one per (notice, recipient). */
export function inboxId(key: string, openid: string): string {
  return `${key}:${openid}`;
}

/**
 * The subscribe message goes through the push engine's delivery records (`push_deliveries`): a keyed notice claims
 * `notice:<key>:<openid>`, so even a retry that raced past the inbox check cannot send twice.
 */
async function push(openid: string, notice: Notice, spec: NonNullable<Notice['push']>, ports: NotifyPorts): Promise<PushOutcome> {
  const id = notice.key ? `notice:${inboxId(notice.key, openid)}` : `notice:${randomUUID()}`;
  const state = await claimAndSend(id, `notice:${notice.kind}`, openid, { template: spec.template, values: spec.values, link: notice.link }, ports.now, ports);
  if (state === null) return 'already_delivered';
  if (state === 'sent' || state === 'no_credit') return state;
  return 'failed';
}
