/**
 * One recipient, one delivery — the step every message takes, from the push worker and from `notify` alike:
 * 1. the inbox entry under its deterministic id (a second write of the same id adds nothing);
 * 2. the delivery record claimed under its deterministic id BEFORE WeChat is called: whoever adds it sends, anyone
 *    finding it there does not — so a rerun, a crash or a second worker never sends twice (at most once to WeChat);
 * 3. one credit spent, subscribeMessage.send, the outcome settled on the record (sent, no credit, failed with code).
 * A record left 'sending' (the worker died between claim and settle) is never sent again; it is reported 'unknown'.
 */
import { templateData, templateId, TEMPLATES, type TemplateKey } from '../../../../src/shared/notify';
import type { DeliveryDoc, DeliveryState } from '../../../../src/shared/push';

export interface InboxEntry {
  _id?: string;
  openid: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: number;
  read: boolean;
  readAt?: number;
  /** Set on a member's read mark of a broadcast (fan-out on read): the broadcast's id. */
  broadcastId?: string;
}

export interface DeliveryPorts {
  /** Stores the entry; false when an entry with its `_id` is already there. */
  addInbox(doc: InboxEntry): Promise<boolean>;
  /** Adds the record in state 'sending' (or a final state); false when a record with its `_id` exists. */
  claim(doc: DeliveryDoc): Promise<boolean>;
  settle(id: string, state: DeliveryState, code: number | null, at: number): Promise<void>;
  /** Spends one credit when the user holds one; false when they hold none. */
  takeCredit(openid: string, templateId: string): Promise<boolean>;
  giveBackCredit(openid: string, templateId: string): Promise<void>;
  clearCredits(openid: string, templateId: string): Promise<void>;
  /** subscribeMessage.send; resolves WeChat's errcode (0 = sent). */
  send(request: { touser: string; templateId: string; page?: string; data: Record<string, { value: string }> }): Promise<number>;
  log(line: string): void;
}

export interface SubscribeSpec {
  template: TemplateKey;
  values: Record<string, string>;
  link: string | null;
}

const NO_SUBSCRIPTION = 43101;

export interface SendOutcome {
  state: Exclude<DeliveryState, 'sending' | 'unknown' | 'delivered'>;
  code: number | null;
}

/** Spends a credit and sends; the record must be claimed first (see `claimAndSend`). */
export async function sendWithCredit(openid: string, spec: SubscribeSpec, ports: DeliveryPorts): Promise<SendOutcome> {
  const template = TEMPLATES[spec.template];
  // The deployment's id (function envVariables), the same one the client asked the user to accept.
  const id = templateId(spec.template);
  if (!(await ports.takeCredit(openid, id))) return { state: 'no_credit', code: null };
  let code: number;
  try {
    code = await ports.send({
      touser: openid,
      templateId: id,
      // Mini-program pages are addressed without the leading slash.
      page: spec.link ? spec.link.replace(/^\//, '') : undefined,
      data: templateData(template, spec.values),
    });
  } catch (error) {
    code = -1;
    ports.log(`subscribeMessage.send to ${openid} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (code === 0) return { state: 'sent', code: null };
  // WeChat holds no subscription: our record of credits was wrong, so it goes; any other failure gives the credit back.
  if (code === NO_SUBSCRIPTION) await ports.clearCredits(openid, id);
  else await ports.giveBackCredit(openid, id);
  if (code !== -1) ports.log(`subscribeMessage.send to ${openid} answered ${code}`);
  return { state: 'failed', code };
}

/**
 * Claims the record `id` and, when this call claimed it, sends; null when someone claimed it before (nothing sent).
 * Without a subscribe message the record is added straight in state 'delivered' (for counting the reach).
 */
export async function claimAndSend(
  id: string,
  jobId: string,
  openid: string,
  spec: SubscribeSpec | null,
  now: () => number,
  ports: DeliveryPorts,
): Promise<DeliveryState | null> {
  const state: DeliveryState = spec ? 'sending' : 'delivered';
  if (!(await ports.claim({ _id: id, jobId, openid, state, code: null, at: now() }))) return null;
  if (!spec) return 'delivered';
  const outcome = await sendWithCredit(openid, spec, ports);
  await ports.settle(id, outcome.state, outcome.code, now());
  return outcome.state;
}
