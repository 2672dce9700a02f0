/**
 * 政治生日 (the anniversary of joining the Party), shared by client and cloud: which members have one today, how many
 * years it is, the greeting template with its placeholders, the oath the card prints. Platform-free.
 *
 * A member joined on 29 February celebrates on 28 February in a common year (the run asks for both '02-28' and
 * '02-29' then). The first 政治生日 is the first anniversary: the join day itself is not one.
 */
import type { RosterStatus } from './roster';

/** 入党誓词 (党章 第一章第六条), printed in full on the card. */
export const PARTY_OATH =
  '我志愿加入中国共产党，拥护党的纲领，遵守党的章程，履行党员义务，执行党的决定，严守党的纪律，保守党的秘密，对党忠诚，积极工作，为共产主义奋斗终身，随时准备为党和人民牺牲一切，永不叛党。';

/** Lines of the oath the message quotes, one a year (so a member reads a different line each birthday). */
export const OATH_LINES: readonly string[] = [
  '对党忠诚，积极工作，为共产主义奋斗终身',
  '随时准备为党和人民牺牲一切，永不叛党',
  '拥护党的纲领，遵守党的章程',
  '履行党员义务，执行党的决定',
  '严守党的纪律，保守党的秘密',
];

/**
 * Who is greeted: members in good standing. 正常 and 流动党员 (a 流动党员 is a full member away from home); not
 * 停止党籍 (membership suspended), 转出 (belongs to another organisation now) or 去世.
 */
export const GOOD_STANDING: readonly RosterStatus[] = ['正常', '流动党员'];

/** The placeholders a greeting may use, with what each becomes. */
export const GREETING_PLACEHOLDERS = [
  { key: '{name}', label: '党员姓名' },
  { key: '{years}', label: '党龄（年）' },
  { key: '{joinDate}', label: '入党日期，如 1996年7月1日' },
  { key: '{branch}', label: '所在支部' },
] as const;

/** The greeting a community has until its staff write their own. */
export const DEFAULT_GREETING =
  '{name}同志：值此您入党{years}周年的政治生日，{branch}全体党员向您致以诚挚的祝福！愿您不忘入党初心，牢记党员身份，继续在岗位上、在群众中发挥先锋模范作用。';

export const GREETING_MAX = 300;

/** How the message reads when sent. */
export const BIRTHDAY_TITLE = '政治生日快乐';

/** The 政治生日贺卡 page, opened from the message with the member's roster id. */
export const BIRTHDAY_CARD_PAGE = '/packages/birthday/pages/card/index';
export const birthdayCardLink = (rosterId: string): string => `${BIRTHDAY_CARD_PAGE}?id=${encodeURIComponent(rosterId)}`;

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The 'MM-DD' values whose anniversary falls on `today` ('YYYY-MM-DD'): 28 February of a common year also takes 29 February. */
export function anniversaryMonthDays(today: string): string[] {
  const monthDay = today.slice(5, 10);
  return monthDay === '02-28' && !isLeapYear(Number(today.slice(0, 4))) ? ['02-28', '02-29'] : [monthDay];
}

/** The day of `year` on which someone who joined on `joinedAt` celebrates ('YYYY-MM-DD'). */
export function anniversaryIn(joinedAt: string, year: number): string {
  const monthDay = joinedAt.slice(5, 10);
  return `${year}-${monthDay === '02-29' && !isLeapYear(year) ? '02-28' : monthDay}`;
}

/** The anniversary on or after `today` ('YYYY-MM-DD'): this year's, or next year's once this year's has passed. */
export function nextAnniversary(joinedAt: string, today: string): string {
  const year = Number(today.slice(0, 4));
  const thisYear = anniversaryIn(joinedAt, year);
  return thisYear >= today ? thisYear : anniversaryIn(joinedAt, year + 1);
}

/** Completed years in the Party on `today`: anniversaries passed, the one of today included. */
export function yearsInParty(joinedAt: string, today: string): number {
  const year = Number(today.slice(0, 4));
  const years = year - Number(joinedAt.slice(0, 4));
  return today >= anniversaryIn(joinedAt, year) ? years : years - 1;
}

/** True when `today` is one of the member's 政治生日: the anniversary day, from the first one on. */
export function isPoliticalBirthday(joinedAt: string, today: string): boolean {
  const year = Number(today.slice(0, 4));
  return anniversaryIn(joinedAt, year) === today && year > Number(joinedAt.slice(0, 4));
}

/** 1996-07-01 → 1996年7月1日. */
export function joinDateText(joinedAt: string): string {
  const [year, month, day] = joinedAt.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

export interface GreetingValues {
  name: string;
  years: number;
  joinedAt: string;
  branch: string;
}

/** Fills a greeting template; a placeholder left unknown stays as typed. */
export function renderGreeting(template: string, values: GreetingValues): string {
  const map: Record<string, string> = { '{name}': values.name, '{years}': String(values.years), '{joinDate}': joinDateText(values.joinedAt), '{branch}': values.branch };
  return template.replace(/\{(name|years|joinDate|branch)\}/g, (key) => map[key] ?? key);
}

/** The oath line quoted in this year's message. */
export const oathLineFor = (years: number): string => OATH_LINES[Math.abs(years) % OATH_LINES.length];

/** The message a member receives (消息中心 and the card's text): join date, years, a line of the oath, the greeting. */
export function birthdayMessageBody(values: GreetingValues, greeting: string): string {
  return [
    `${values.name}同志，${joinDateText(values.joinedAt)}，您光荣地加入了中国共产党，今天是您入党${values.years}周年的政治生日。`,
    `「${oathLineFor(values.years)}」——重温入党誓词，不忘初心。`,
    renderGreeting(greeting, values),
    '点开可查看您的政治生日贺卡。',
  ].join('\n');
}

/** How a political birthday's message fared, for staff. */
export type BirthdayDelivery =
  /** The member opened it in 消息中心. */
  | 'read'
  /** In the member's 消息中心, not opened yet. */
  | 'reached'
  /** The day's run has not reached them yet (later this month, or the worker is still sending). */
  | 'pending'
  /** Not bound to WeChat: staff tell them offline. */
  | 'unreachable'
  /** Bound after that day's message went out: nothing was sent. */
  | 'missed';

export const DELIVERY_LABEL: Record<BirthdayDelivery, string> = {
  read: '已阅读',
  reached: '已送达',
  pending: '待发送',
  unreachable: '未绑定微信，需线下告知',
  missed: '当天未绑定，未发送',
};

/** One political birthday in a staff list (names are fine for staff in scope: an offline 重温入党誓词, not a ranking). */
export interface BirthdayMemberView {
  rosterId: string;
  name: string;
  branchName: string;
  joinedAt: string;
  /** This year's anniversary date. */
  date: string;
  years: number;
  status: RosterStatus;
  delivery: BirthdayDelivery;
}

/** The card as the member (or staff in scope) sees it. */
export interface BirthdayCardView {
  name: string;
  branchName: string;
  joinedAt: string;
  joinDateText: string;
  /** Completed years on the day of the last anniversary (the one the card celebrates). */
  years: number;
  /** The anniversary the card celebrates ('YYYY-MM-DD'). */
  date: string;
  oath: string;
  oathLine: string;
  greeting: string;
  /** True when the caller is the member (may save it); false for staff looking at it. */
  own: boolean;
}
