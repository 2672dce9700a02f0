/**
 * `birthday`: 政治生日寄语. Staff see today's and this month's political birthdays in their scope with how each message
 * fared, and edit their community's greeting with a preview on a real member; the member (and staff in scope) open
 * the 政治生日贺卡. The timer trigger `daily` sends the day's greetings through the push engine (see
 * the cloud's birthday function).
 */
import * as v from 'valibot';
import { GREETING_MAX, type BirthdayCardView, type BirthdayMemberView } from '../birthday';
import { action, defineFunction, id, text } from '../contract';

export interface BirthdayListView {
  /** Today's date ('YYYY-MM-DD', China time). */
  date: string;
  /** Today's political birthdays in the scope. */
  today: BirthdayMemberView[];
  /** The next 7 days' (after today), by date: time to prepare a 重温入党誓词. */
  week: BirthdayMemberView[];
  /** This month's, by date (at most `limit`; `monthTotal` says how many there are). */
  month: BirthdayMemberView[];
  monthTotal: number;
}

export interface GreetingView {
  /** The community it belongs to. */
  orgId: string;
  orgName: string;
  template: string;
  /** True while the community uses our default. */
  isDefault: boolean;
  updatedBy: string | null;
  updatedAt: number | null;
}

export interface GreetingPreview {
  /** The real member whose values fill it: their next political birthday in the community. */
  member: { rosterId: string; name: string; branchName: string; joinedAt: string; years: number; date: string } | null;
  /** The message as that member would read it in 消息中心. */
  body: string;
}

const template = text('寄语', GREETING_MAX, 10);

export const birthday = defineFunction('birthday', {
  list: action({
    summary: '今天和本月过政治生日的党员（线下重温入党誓词），以及寄语送达情况',
    input: v.object({ orgId: id('范围') }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<BirthdayListView>(),
  greeting: action({
    summary: '查看社区的政治生日寄语模板',
    input: v.object({ orgId: id('社区') }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<GreetingView>(),
  saveGreeting: action({
    summary: '修改社区的政治生日寄语模板',
    input: v.object({ orgId: id('社区'), template }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<GreetingView>(),
  preview: action({
    summary: '用社区里一位党员的真实信息预览寄语',
    input: v.object({ orgId: id('社区'), template }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<GreetingPreview>(),
  card: action({
    summary: '查看政治生日贺卡（党员本人，或管辖范围内的管理员）',
    input: v.object({ id: id('贺卡') }),
    roles: ['member', 'admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ card: BirthdayCardView }>(),
});
