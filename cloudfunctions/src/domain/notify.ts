/**
 * The notification center's one rule: every notice lands in each recipient's in-app inbox; in addition a subscribe
 * message goes out when the recipient holds a credit for the template (one acceptance = one send). The credit is
 * spent before sending; 43101 (WeChat says: no subscription) clears it; any other failure gives it back.
 */
import { templateData, TEMPLATES, type TemplateKey } from '../../../src/shared/notify';

export interface Notice {
  to: string[];
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

export type PushOutcome = 'sent' | 'no_credit' | 'refused' | 'failed' | 'none';

export interface NotifyPorts {
  now(): number;
  addInbox(doc: InboxDoc): Promise<void>;
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
export async function deliver(notice: Notice, ports: NotifyPorts): Promise<Array<{ openid: string; push: PushOutcome }>> {
  const recipients = [...new Set(notice.to.filter(Boolean))];
  const createdAt = ports.now();
  const outcomes: Array<{ openid: string; push: PushOutcome }> = [];
  for (const openid of recipients) {
    await ports.addInbox({ openid, kind: notice.kind, title: notice.title, body: notice.body, link: notice.link, createdAt, read: false });
    outcomes.push({ openid, push: notice.push ? await push(openid, notice, notice.push, ports) : 'none' });
  }
  return outcomes;
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
