/**
 * The notification center's one rule: every notice lands in each recipient's in-app inbox; in addition a subscribe
 * message goes out when the recipient holds a credit for the template (one acceptance = one send). The credit is
 * spent before sending; 43101 (WeChat says: no subscription) clears it; any other failure gives it back.
 * A notice with a `key` is delivered at most once per recipient: its inbox entry has the id `<key>:<openid>`, and a
 * retry that finds the entry already there sends nothing again (neither the inbox entry nor the push).
 */
import { templateData, TEMPLATES, type TemplateKey } from '../../../src/shared/notify';

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

export interface InboxDoc {
  _id?: string;
  openid: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: number;
  read: boolean;
  readAt?: number;
}

export type PushOutcome = 'sent' | 'no_credit' | 'refused' | 'failed' | 'none' | 'already_delivered';

/** What happened to one recipient's notice ('already_delivered': a keyed notice they had, nothing added). */
export interface Delivery {
  openid: string;
  push: PushOutcome;
}

export interface NotifyPorts {
  now(): number;
  /** Stores the entry; false when an entry with its `_id` is already there (a retried delivery). */
  addInbox(doc: InboxDoc): Promise<boolean>;
  /** Spends one credit when the user holds one; false when they hold none. */
  takeCredit(openid: string, templateId: string): Promise<boolean>;
  giveBackCredit(openid: string, templateId: string): Promise<void>;
  clearCredits(openid: string, templateId: string): Promise<void>;
  /** subscribeMessage.send; resolves WeChat's errcode (0 = sent). */
  send(request: { touser: string; templateId: string; page?: string; data: Record<string, { value: string }> }): Promise<number>;
  /** Where failures that are not the user's business go (the cloud log). */
  log(line: string): void;
}

const NO_SUBSCRIPTION = 43101;

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

async function push(openid: string, notice: Notice, spec: NonNullable<Notice['push']>, ports: NotifyPorts): Promise<PushOutcome> {
  const template = TEMPLATES[spec.template];
  if (!(await ports.takeCredit(openid, template.id))) return 'no_credit';
  let errCode: number;
  try {
    errCode = await ports.send({
      touser: openid,
      templateId: template.id,
      // Mini-program pages are addressed without the leading slash.
      page: notice.link ? notice.link.replace(/^\//, '') : undefined,
      data: templateData(template, spec.values),
    });
  } catch (error) {
    errCode = -1;
    ports.log(`subscribeMessage.send to ${openid} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (errCode === 0) return 'sent';
  if (errCode === NO_SUBSCRIPTION) {
    await ports.clearCredits(openid, template.id);
    return 'refused';
  }
  await ports.giveBackCredit(openid, template.id);
  if (errCode !== -1) ports.log(`subscribeMessage.send to ${openid} answered ${errCode}`);
  return 'failed';
}
