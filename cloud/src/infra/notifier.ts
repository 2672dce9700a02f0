/** The notification center's ports on the real cloud: inbox and credits in the database, pushes through the open API. */
import type { DeliveryDoc } from '../../../src/shared/push';
import { deliver, type Delivery, type InboxDoc, type Notice, type NotifyPorts } from '../domain/notify';
import { CloudError, isDuplicateKey } from './cloud';
import type { Database } from './database';
import { sendSubscribeMessage } from './openapi';

export interface SubscriptionDoc {
  _id: string;
  openid: string;
  templateId: string;
  credits: number;
  updatedAt: number;
}

export const subscriptionId = (openid: string, templateId: string): string => `${openid}:${templateId}`;

/** Ports over the typed database and open API. */
export function notifyPorts(db: Database, now: () => number): NotifyPorts {
  const _ = db.command;
  const subscriptions = db.collection<SubscriptionDoc>('subscriptions');
  return {
    now,
    addInbox: async (doc: InboxDoc) => {
      try {
        await db.collection<InboxDoc>('inbox').add(doc);
        return true;
      } catch (error) {
        // A keyed notice delivered before (a retry, a second timer fire): that entry stands, nothing is added.
        if (doc._id && isDuplicateKey(error)) return false;
        throw error;
      }
    },
    claim: async (doc: DeliveryDoc) => {
      try {
        await db.collection<DeliveryDoc>('push_deliveries').add(doc);
        return true;
      } catch (error) {
        // Claimed before (a retry, a second worker): whoever claimed it sends, nobody else.
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    settle: async (id, state, code, at) => {
      await db.collection<DeliveryDoc>('push_deliveries').doc(id).update({ state, code, at });
    },
    takeCredit: async (openid, templateId) =>
      (await subscriptions.where({ _id: subscriptionId(openid, templateId), credits: _.gt(0) }).update({ credits: _.inc(-1), updatedAt: now() })).updated === 1,
    giveBackCredit: async (openid, templateId) => {
      await subscriptions.doc(subscriptionId(openid, templateId)).update({ credits: _.inc(1), updatedAt: now() });
    },
    clearCredits: async (openid, templateId) => {
      await subscriptions.doc(subscriptionId(openid, templateId)).update({ credits: 0, updatedAt: now() });
    },
    send: async (request) => {
      try {
        await sendSubscribeMessage({ ...request, miniprogramState: 'formal', lang: 'zh_CN' });
        return 0;
      } catch (error) {
        if (error instanceof CloudError) return error.errCode;
        throw error;
      }
    },
    log: (line) => console.warn(line),
  };
}

/** Adds one credit per accepted template (WeChat: each acceptance allows exactly one send). */
export async function addCredits(db: Database, openid: string, templateIds: string[], now: number): Promise<Record<string, number>> {
  const _ = db.command;
  const subscriptions = db.collection<SubscriptionDoc>('subscriptions');
  for (const templateId of templateIds) {
    const id = subscriptionId(openid, templateId);
    if ((await subscriptions.doc(id).update({ credits: _.inc(1), updatedAt: now })).updated === 1) continue;
    try {
      await subscriptions.add({ _id: id, openid, templateId, credits: 1, updatedAt: now });
    } catch (error) {
      // Created by a concurrent call in between: add our credit to it.
      if (!isDuplicateKey(error)) throw error;
      await subscriptions.doc(id).update({ credits: _.inc(1), updatedAt: now });
    }
  }
  const held = await subscriptions.where({ openid }).get();
  return Object.fromEntries(held.map((doc) => [doc.templateId, doc.credits]));
}

/** Delivers a notice; resolves what happened per recipient (most callers need not look). */
export type Notify = (notice: Notice) => Promise<Delivery[]>;

/** The `notify` every feature uses. */
export function notifier(db: Database, now: () => number): Notify {
  const ports = notifyPorts(db, now);
  return (notice) => deliver(notice, ports);
}
