/** `inbox`: the in-app message center every notification lands in, and the subscribe-credit record. */
import * as v from 'valibot';
import { action, defineFunction, empty, page } from '../contract';

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** Page to open, e.g. '/pages/case/index?id=…' (deep link to the subject). */
  link: string | null;
  createdAt: number;
  read: boolean;
}

const templateIds = v.pipe(
  v.array(v.pipe(v.string(), v.regex(/^[\w-]{1,128}$/, '模板编号不正确'))),
  v.maxLength(3, '一次最多订阅 3 个模板'),
);

export const inbox = defineFunction('inbox', {
  list: action({ summary: '我的消息（新的在前）', input: v.object({ ...page }), roles: ['resident'], idempotent: true }).returns<{
    items: InboxItem[];
    unread: number;
    hasMore: boolean;
  }>(),
  unreadCount: action({ summary: '未读消息数（角标）', input: empty, roles: ['resident'], idempotent: true }).returns<{ unread: number }>(),
  markRead: action({
    summary: '标记已读（指定消息、某个页面的消息——如打开意见详情时——或全部）',
    input: v.union(
      [
        v.object({ ids: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1), v.maxLength(100)) }),
        v.object({ link: v.pipe(v.string(), v.minLength(1), v.maxLength(500)) }),
        v.object({ all: v.literal(true) }),
      ],
      '请指定要标记的消息',
    ),
    roles: ['resident'],
    idempotent: true,
  }).returns<{ unread: number }>(),
  recordSubscription: action({
    summary: '记录用户在订阅弹窗中接受的模板（每次接受=一次发送额度）',
    input: v.object({ accepted: templateIds, rejected: v.optional(templateIds, []) }),
    // Not idempotent: each acceptance is one more credit, so a retry would grant a credit WeChat never gave.
    roles: ['resident'],
    idempotent: false,
  }).returns<{ credits: Record<string, number> }>(),
});
