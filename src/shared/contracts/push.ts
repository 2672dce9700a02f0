/**
 * `push`: 通知公告 — staff write a notice to some branches or their whole scope and steer its delivery; the timer
 * trigger `worker` (every minute) sends the subscribe messages in slices. See src/shared/push for the model.
 */
import * as v from 'valibot';
import { action, defineFunction, id, page, text } from '../contract';
import { PUSH_ROLES, type PushJobView, type UnreachableMember } from '../push';

const REQUEST_BROKEN = '页面已过期，请刷新后重试';

export const push = defineFunction('push', {
  publish: action({
    summary: '发布通知公告（发给所选支部，或管辖范围内的全部党员）',
    input: v.object({
      /** The client's id for this notice: a retry or a double tap publishes it once. */
      requestId: v.pipe(v.string(REQUEST_BROKEN), v.regex(/^[\w-]{8,64}$/, REQUEST_BROKEN)),
      /** The admin's node the notice is published under (its whole scope unless branches are chosen). */
      orgId: id('发布范围'),
      /** Branches (or other nodes) inside orgId; empty: everyone under orgId. */
      branchIds: v.optional(v.pipe(v.array(id('支部')), v.maxLength(500, '一次最多选择 500 个支部')), []),
      /** Only members with one of these roster tags (在职, 流动, …); empty: every member. */
      tags: v.optional(v.pipe(v.array(text('标签', 10)), v.maxLength(10, '最多选择 10 个标签')), []),
      /** Only 正常 or only 流动党员 members; empty: every current member. */
      statuses: v.optional(v.array(v.picklist(['正常', '流动党员'], '请选择党员状态')), []),
      /** Who under the chosen nodes: 党员 (the roster), 党代表 (of studios there), 管理员 (staff there); empty: 党员. */
      roles: v.optional(v.pipe(v.array(v.picklist(PUSH_ROLES, '请选择发给党员、党代表还是管理员')), v.maxLength(3, '请选择发给党员、党代表还是管理员')), []),
      title: text('标题', 20),
      body: text('内容', 500),
      /** Also send a WeChat subscribe message to members who allowed it. */
      subscribe: v.optional(v.boolean(), false),
      /** Send later (epoch ms); omitted: now. */
      sendAt: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ job: PushJobView; created: boolean }>(),
  jobs: action({
    summary: '通知公告列表与发送进度',
    input: v.object({ orgId: id('范围'), ...page }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ items: PushJobView[]; hasMore: boolean }>(),
  steer: action({
    summary: '暂停、继续或取消一条通知的发送',
    input: v.object({ id: id('通知'), action: v.picklist(['pause', 'resume', 'cancel'], '请选择操作') }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ job: PushJobView }>(),
  unreachable: action({
    summary: '未绑定微信、收不到通知的党员（需线下告知）',
    input: v.object({ id: id('通知') }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ members: UnreachableMember[]; total: number }>(),
});
