/**
 * Who hears of a case step and what they read: every step a resident can see notifies all followers (reporter and
 * 我也遇到 co-reporters) except the person who took it; a new or returning task notifies the handling deputy (or every
 * deputy of the studio when it was assigned to the studio as a whole); 督办 also tells the admins of the scope.
 */
import { endOfChinaDay } from '../../../../src/shared/calendar';
import type { CaseDoc, CaseEventDoc, CaseHandler } from '../../../../src/shared/cases/model';
import { STATE_LABELS } from '../../../../src/shared/cases/states';
import { casePage } from '../../../../src/shared/contracts/case';
import type { UserDoc } from '../../../../src/shared/identity';
import { templateTime } from '../../../../src/shared/notify';
import type { StudioDoc } from '../../../../src/shared/studios';
import type { Notice } from '../../domain/notify';
import type { Database } from '../../infra/database';
import type { Notify } from '../../infra/notifier';

type NewEvent = Omit<CaseEventDoc, '_id'>;

// What residents read for each step they are told of ('rate' is the rater's own act: others learn it was rated).
const FOLLOWER_LINES: Record<string, string> = {
  assign: '已批办，交由代表办理',
  refuse: '不予受理',
  start: '代表已开始办理',
  reply: '已答复，请查看并评价',
  transfer: '已转办',
  extend: '办理期限已延长',
  rate: '已评价',
  reopen: '未解决，已重新交办',
  close: '已归档',
};

/** Tells the followers of a step they can see, and the handler of a new or returning task. */
export async function announce(db: Database, notify: Notify, doc: CaseDoc, event: NewEvent, studio?: StudioDoc): Promise<void> {
  const line = FOLLOWER_LINES[event.type];
  if (!line) return;
  const followers = doc.followers.filter((openid) => openid !== event.byOpenid);
  if (followers.length > 0) {
    await notify({
      to: followers,
      kind: `case_${event.type}`,
      title: `您关注的意见“${doc.title}”${line}`,
      body: followerBody(doc, event, line),
      link: casePage(doc._id),
      push: {
        template: 'caseProgress',
        values: { thing1: doc.title, phrase2: STATE_LABELS[doc.state], time3: templateTime(event.at), thing4: event.note ?? line },
      },
    });
  }
  if ((event.type === 'assign' || event.type === 'transfer' || event.type === 'reopen') && doc.handler) {
    const to = (await handlerOpenids(db, doc.handler, studio)).filter((openid) => openid !== event.byOpenid);
    if (to.length > 0) await notify(todoNotice(doc, to, event.type === 'reopen' ? '居民反映问题未解决，请重新办理' : '请按期办理并答复'));
  }
}

function followerBody(doc: CaseDoc, event: NewEvent, line: string): string {
  const parts = [`回执编号 ${doc.receiptNo}：${line}。`];
  if (event.type === 'reply' && doc.reply) parts.push(`答复：${doc.reply.text}`);
  else if (event.note) parts.push(`说明：${event.note}`);
  if (doc.deadline && (event.type === 'assign' || event.type === 'extend' || event.type === 'reopen')) parts.push(`办理期限：${doc.deadline}。`);
  return parts.join('');
}

/** A task for deputies: the case, its deadline and what to do. */
export function todoNotice(doc: CaseDoc, to: string[], what: string, kind = 'case_todo'): Notice {
  const due = doc.deadline ? templateTime(endOfChinaDay(doc.deadline)) : '';
  return {
    to,
    kind,
    title: `待办意见：${doc.title}`,
    body: `回执编号 ${doc.receiptNo}。${what}${doc.deadline ? `（期限 ${doc.deadline}）` : ''}`,
    link: casePage(doc._id),
    push: { template: 'todo', values: { thing1: doc.title, time2: due, thing3: what } },
  };
}

/** The deputy handling the case, or every deputy of the studio when it was assigned to the studio as a whole. */
export async function handlerOpenids(db: Database, handler: CaseHandler, known?: StudioDoc): Promise<string[]> {
  if (handler.deputyOpenid) return [handler.deputyOpenid];
  const studio = known && known._id === handler.studioId ? known : (await db.collection<StudioDoc>('studios').where({ _id: handler.studioId }).get())[0];
  return studio ? Object.keys(studio.deputies) : [];
}

/** Admins whose scope holds any of the organisation nodes, with the nodes they administer. */
export async function adminsOver(db: Database, orgIds: readonly string[]): Promise<Array<{ openid: string; orgIds: string[] }>> {
  if (orgIds.length === 0) return [];
  const _ = db.command;
  const users = await db.collection<UserDoc>('users').where({ 'admin.orgIds': _.in([...new Set(orgIds)]) }).field({ admin: true }).limit(1000).get();
  return users.map((user) => ({ openid: user._id, orgIds: user.admin?.orgIds ?? [] }));
}
