/**
 * Subscribe-message templates and WeChat's value limits. A template is chosen from WeChat's public library per
 * mini-program; `id` here is the local/default id and production ids come from the deploy configuration.
 */
import { chinaClock } from './calendar/dates';

/** Keyword kinds of subscribe-message templates and their limits (characters). */
export type TemplateFieldKind = 'thing' | 'phrase' | 'name' | 'character_string' | 'number' | 'time' | 'date';

export interface TemplateSpec {
  id: string;
  title: string;
  /** Keyword (e.g. thing1) → kind. */
  fields: Record<string, TemplateFieldKind>;
}

export const TEMPLATES = {
  /** 意见办理进度通知: 标题 / 状态 / 时间 / 说明 — only for a case that ends without a reply (不予受理). */
  caseProgress: {
    id: 'tmpl-case-progress',
    title: '意见办理进度通知',
    fields: { thing1: 'thing', phrase2: 'phrase', time3: 'time', thing4: 'thing' },
  },
  /** 意见答复通知: 标题 / 答复人 / 答复时间 / 答复内容 — the message a resident most needs, on its own credit. */
  caseReply: {
    id: 'tmpl-case-reply',
    title: '意见答复通知',
    fields: { thing1: 'thing', name2: 'name', time3: 'time', thing4: 'thing' },
  },
  /** 待办事项提醒 (deputies and staff): 事项 / 截止时间 / 备注. */
  todo: {
    id: 'tmpl-todo',
    title: '待办事项提醒',
    fields: { thing1: 'thing', time2: 'time', thing3: 'thing' },
  },
  /** 账号权限变更通知: 角色 / 范围 / 时间. */
  roleChange: {
    id: 'tmpl-role-change',
    title: '权限变更通知',
    fields: { phrase1: 'phrase', thing2: 'thing', time3: 'time' },
  },
  /** 通知公告提醒 (members): 通知标题 / 通知内容 / 发布时间 — the push engine's notices to branches. */
  notice: {
    id: 'tmpl-notice',
    title: '通知公告提醒',
    fields: { thing1: 'thing', thing2: 'thing', time3: 'time' },
  },
} satisfies Record<string, TemplateSpec>;

export type TemplateKey = keyof typeof TEMPLATES;

/** Set by client builds (config/index.ts defineConstants) from LIANXIN_TEMPLATE_IDS; absent in the cloud and in tests. */
declare const LIANXIN_TEMPLATE_IDS: Partial<Record<string, string>> | undefined;

/**
 * The template id of `key` in this deployment. Each mini-program picks its own templates from WeChat's library, so
 * production ids come from the deploy configuration (LIANXIN_TEMPLATE_IDS, see `npm run deploy`): built into the
 * client (wx.requestSubscribeMessage asks for them) and set in every function's envVariables (subscribeMessage.send
 * uses them). Without configuration — local runs, tests — the ids in TEMPLATES are used.
 */
export function templateId(key: TemplateKey): string {
  return deployedTemplateIds()[key] ?? TEMPLATES[key].id;
}

function deployedTemplateIds(): Partial<Record<string, string>> {
  if (typeof LIANXIN_TEMPLATE_IDS !== 'undefined' && LIANXIN_TEMPLATE_IDS) return LIANXIN_TEMPLATE_IDS;
  const raw = typeof process !== 'undefined' ? process.env?.LIANXIN_TEMPLATE_IDS : undefined;
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Partial<Record<string, string>>) : {};
  } catch {
    return {};
  }
}

/**
 * What a resident following a case is asked to subscribe to (after submitting, 订阅答复提醒 on the case page and 我的): the
 * reply, and the end of a case that gets none. Every other step stays in the in-app inbox, so no credit is spent on it.
 */
export const CASE_FOLLOWER_TEMPLATES: readonly TemplateKey[] = ['caseReply', 'caseProgress'];

/** After a reply was judged not solved, what comes next is another reply. */
export const NEXT_REPLY_TEMPLATES: readonly TemplateKey[] = ['caseReply'];

const LIMITS: Record<TemplateFieldKind, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  number: 32,
  time: 32,
  date: 32,
};

/** Cuts a value to its keyword's limit (counting characters, not UTF-16 units); never fails a send for length. */
export function fitTemplateValue(kind: TemplateFieldKind, value: string): string {
  const chars = Array.from(value.replace(/\s+/g, ' ').trim());
  const limit = LIMITS[kind];
  if (chars.length <= limit) return chars.join('');
  // A thing keeps an ellipsis so the reader knows there is more in the app.
  return kind === 'thing' ? `${chars.slice(0, limit - 1).join('')}…` : chars.slice(0, limit).join('');
}

/** Builds the `data` of subscribeMessage.send from plain values, cut to limits. */
export function templateData(spec: TemplateSpec, values: Record<string, string>): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {};
  for (const [key, kind] of Object.entries(spec.fields)) {
    data[key] = { value: fitTemplateValue(kind, values[key] ?? '') };
  }
  return data;
}

/** WeChat's time keyword format: 2026年10月1日 15:01 (China time). */
export function templateTime(ms: number): string {
  const d = chinaClock(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
