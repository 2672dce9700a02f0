/**
 * Who hears of a case step and what they read: every step a resident can see notifies all followers except the person
 * who took it — the reporter reads "您提交的意见…", a 我也遇到 co-reporter "您关注的意见…"; a new or returning task notifies
 * the handling deputy (or every deputy of the studio when it was assigned to the studio as a whole); 督办 also tells the
 * admins of the scope. One notice per person per step, keyed by the step, so a retried delivery adds nothing.
 * Only the reply and a case ending without one (不予受理) spend a resident's one-time WeChat credit; 批办, 转办, 延期 and
 * the rest stay in the in-app inbox, so the credit is still there when the reply comes.
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
import { findStudio } from '../../infra/studios';

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

// What a deputy reads when a task arrives or comes back: each its own title, so a case that comes back (重办) never
// looks like the first 待办 again in the inbox list.
const TASKS: Record<string, { title: string; what: string }> = {
  assign: { title: '待办意见', what: '请按期办理并答复' },
  transfer: { title: '转办给您', what: '已转由您办理，请按期答复' },
  reopen: { title: '重办意见', what: '居民反映问题未解决，请重新办理' },
};

/** The key of one step's notices: the case's version after the step is unique per step. */
export function stepKey(kind: string, doc: Pick<CaseDoc, '_id' | 'version'>): string {
  return `${kind}:${doc._id}:${doc.version}`;
}

/** Tells the followers of a step they can see, and the handler of a new or returning task. */
export async function announce(db: Database, notify: Notify, doc: CaseDoc, event: NewEvent, studio?: StudioDoc): Promise<void> {
  const task = TASKS[event.type];
  const handlers = task && doc.handler ? (await handlerOpenids(db, doc.handler, studio)).filter((openid) => openid !== event.byOpenid) : [];
  const line = FOLLOWER_LINES[event.type];
  if (line) {
    // A deputy who also follows the case hears of his new task once, as a task.
    const followers = doc.followers.filter((openid) => openid !== event.byOpenid && !handlers.includes(openid));
    const audiences: Array<[string[], boolean]> = [
      [followers.filter((openid) => openid === doc.reporterOpenid), true],
      [followers.filter((openid) => openid !== doc.reporterOpenid), false],
    ];
    for (const [to, reporter] of audiences) {
      if (to.length === 0) continue;
      const kind = `case_${event.type}`;
      await notify({
        to,
        key: stepKey(kind, doc),
        kind,
        title: `${reporter ? '您提交的意见' : '您关注的意见'}“${doc.title}”${line}`,
        body: followerBody(doc, event, line, reporter, studio),
        link: casePage(doc._id),
        push: followerPush(doc, event, line),
      });
    }
  }
  if (task && handlers.length > 0) await notify(todoNotice(doc, handlers, task.what, 'case_todo', task.title));
}

/**
 * The WeChat message a step deserves, if any: the reply (its own template), or the end of a case that got no reply.
 * Every other step is inbox-only, so it never spends the credit the resident gave for the reply.
 */
function followerPush(doc: CaseDoc, event: NewEvent, line: string): Notice['push'] {
  if (event.type === 'reply' && doc.reply) {
    return {
      template: 'caseReply',
      values: { thing1: doc.title, name2: doc.reply.byName || '党代表', time3: templateTime(doc.reply.at), thing4: doc.reply.text },
    };
  }
  if (event.type === 'refuse' || (event.type === 'close' && !doc.reply)) {
    return {
      template: 'caseProgress',
      values: { thing1: doc.title, phrase2: STATE_LABELS[doc.state], time3: templateTime(event.at), thing4: event.note ?? line },
    };
  }
  return undefined;
}

// Texts written for residents that a 我也遇到 co-reporter may read too (the case view's public notes).
const PUBLIC_NOTES = new Set(['reply', 'refuse']);

/**
 * What residents read: a 转办 reason is written for colleagues, so they learn only where the case went. A co-reporter
 * reads the public face of the step (no receipt number, no reasons but the reply and the refusal).
 */
function followerBody(doc: CaseDoc, event: NewEvent, line: string, reporter: boolean, studio?: StudioDoc): string {
  const parts = [reporter ? `回执编号 ${doc.receiptNo}：${line}。` : `${line}。`];
  if (event.type === 'transfer') parts.push(`现由${transferTarget(doc, studio)}办理。`);
  else if (event.type === 'reply' && doc.reply) parts.push(`答复：${doc.reply.text}`);
  else if (event.note && (reporter || PUBLIC_NOTES.has(event.type))) parts.push(`说明：${event.note}`);
  if (doc.deadline && (event.type === 'assign' || event.type === 'extend' || event.type === 'reopen')) parts.push(`办理期限：${doc.deadline}。`);
  return parts.join('');
}

function transferTarget(doc: CaseDoc, studio?: StudioDoc): string {
  const place = studio && studio._id === doc.handler?.studioId ? studio.name : '其他工作室';
  return doc.handler?.deputyName ? `${place} ${doc.handler.deputyName} 代表` : place;
}

// The timer's reminders read differently from a new task in the inbox list.
const TODO_TITLES: Record<string, string> = { case_todo: '待办意见', case_warn: '即将到期', case_supervised: '已转入督办' };

/** A task for deputies: the case, its deadline and what to do. */
export function todoNotice(doc: CaseDoc, to: string[], what: string, kind = 'case_todo', heading = TODO_TITLES[kind] ?? '待办意见'): Notice {
  const due = doc.deadline ? templateTime(endOfChinaDay(doc.deadline)) : '';
  return {
    to,
    key: stepKey(kind, doc),
    kind,
    title: `${heading}：${doc.title}`,
    body: `回执编号 ${doc.receiptNo}。${what}${doc.deadline ? `（期限 ${doc.deadline}）` : ''}`,
    link: casePage(doc._id),
    push: { template: 'todo', values: { thing1: doc.title, time2: due, thing3: what } },
  };
}

/** The deputy handling the case, or every deputy of the studio when it was assigned to the studio as a whole. */
export async function handlerOpenids(db: Database, handler: CaseHandler, known?: StudioDoc): Promise<string[]> {
  if (handler.deputyOpenid) return [handler.deputyOpenid];
  const studio = known && known._id === handler.studioId ? known : await findStudio(db, handler.studioId);
  return studio ? Object.keys(studio.deputies) : [];
}

/** Admins whose scope holds any of the organisation nodes, with the nodes they administer. */
export async function adminsOver(db: Database, orgIds: readonly string[]): Promise<Array<{ openid: string; orgIds: string[] }>> {
  if (orgIds.length === 0) return [];
  const _ = db.command;
  const users = await db.collection<UserDoc>('users').where({ 'admin.orgIds': _.in([...new Set(orgIds)]) }).field({ admin: true }).limit(1000).get();
  return users.map((user) => ({ openid: user._id, orgIds: user.admin?.orgIds ?? [] }));
}
