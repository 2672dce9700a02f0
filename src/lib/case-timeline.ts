/**
 * How a case reads on its page, platform-free: each audit event as one line of the timeline, the deadline in plain
 * words, and the labels of the two-part rating. Words match the 台账 export so residents and staff see the same steps.
 */
import type { CaseHandler, CaseState, Solved } from '../shared/cases/model';
import { STATE_LABELS } from '../shared/cases/states';
import type { CaseEventView } from '../shared/contracts/case';
import { DAY_MS, dateToUtcMs } from '../shared/calendar/dates';

export const EVENT_LABELS: Readonly<Record<string, string>> = Object.freeze({
  submit: '提交',
  assign: '批办',
  start: '开始办理',
  reply: '答复',
  rate: '评价',
  co_rate: '评价（我也遇到）',
  close: '归档',
  transfer: '转办',
  extend: '延期',
  reopen: '重办',
  refuse: '不予受理',
  join: '我也遇到',
  claim: '认领',
  note: '内部备注',
  warn: '到期提醒',
  overdue: '逾期',
  escalate: '督办',
  read_contact: '查看联系方式',
});

const ROLE_LABELS: Readonly<Record<string, string>> = Object.freeze({ resident: '居民', deputy: '代表', admin: '管理员', system: '系统' });

export const SOLVED_LABELS: Readonly<Record<Solved, string>> = Object.freeze({ yes: '已解决', partly: '部分解决', no: '未解决' });

/** The answers to 问题是否解决, in the order they are offered. */
export const SOLVED_CHOICES: ReadonlyArray<{ value: Solved; label: string }> = Object.freeze([
  { value: 'yes', label: '是' },
  { value: 'partly', label: '部分' },
  { value: 'no', label: '否' },
]);

export interface TimelineEntry {
  id: string;
  /** 批办, 答复, 重办 … */
  label: string;
  /** Who acted: 我, 陈建国（代表）, 系统. */
  who: string;
  at: number;
  /** What changed, in words (the new deadline, the handler, the rating). */
  detail: string;
  /** The reason or text given with the step. */
  note: string;
  /** 内部备注 and other staff-only lines: never reach residents, marked on staff screens. */
  internal: boolean;
  /** The state the step left the case in, when it changed. */
  toLabel: string;
}

/** The handling deputy's name ('' when the case went to a studio as a whole). */
function handlerName(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  return (value as Partial<CaseHandler>).deputyName ?? '';
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function detailOf(event: CaseEventView): string {
  const data = event.data ?? {};
  switch (event.type) {
    case 'assign': {
      const name = handlerName(data.handler);
      return [name ? `交 ${name} 办理` : '交工作室统一办理', text(data.deadline) ? `办理期限 ${text(data.deadline)}` : ''].filter(Boolean).join('，');
    }
    case 'transfer': {
      const name = handlerName(data.to);
      return name ? `转交 ${name} 办理` : '转交其他工作室办理';
    }
    case 'start': {
      const name = handlerName(data.handler);
      return name ? `由 ${name} 承办` : '';
    }
    case 'extend':
      return text(data.to) ? `办理期限延至 ${text(data.to)}` : '';
    case 'rate':
    case 'co_rate':
    case 'reopen': {
      const solved = SOLVED_LABELS[data.solved as Solved] ?? '';
      const parts = [typeof data.attitude === 'number' ? `办理态度 ${data.attitude} 星` : '', solved ? `问题${solved}` : ''];
      if (event.type === 'reopen') parts.push(text(data.deadline) ? `重新办理，期限 ${text(data.deadline)}` : '重新办理');
      return parts.filter(Boolean).join('，');
    }
    case 'overdue':
    case 'escalate':
    case 'warn':
      return text(data.deadline) ? `办理期限 ${text(data.deadline)}` : '';
    case 'close':
      return data.auto === true ? '答复后未评价，自动归档' : '';
    default:
      return '';
  }
}

function whoOf(event: CaseEventView): string {
  if (event.mine) return '我';
  const role = ROLE_LABELS[event.byRole] ?? '';
  if (event.byRole === 'system') return '系统';
  if (event.byName) return role ? `${event.byName}（${role}）` : event.byName;
  return role;
}

/** One line of the timeline for an audit event as the viewer may see it. */
export function timelineEntry(event: CaseEventView): TimelineEntry {
  const changed = event.to !== undefined && event.to !== event.from;
  return {
    id: event._id,
    label: EVENT_LABELS[event.type] ?? event.type,
    who: whoOf(event),
    at: event.at,
    detail: detailOf(event),
    // A reply's text is shown in full in the reply card; the timeline keeps the line short.
    note: event.type === 'reply' ? '' : (event.note ?? ''),
    internal: event.internal,
    toLabel: changed && event.to ? STATE_LABELS[event.to as CaseState] : '',
  };
}

/** The timeline, newest step first (what people look for is what happened last). */
export function timeline(events: readonly CaseEventView[]): TimelineEntry[] {
  return [...events].sort((a, b) => b.at - a.at).map(timelineEntry);
}


/** The deadline in plain words relative to today (both 'YYYY-MM-DD', China time): 还剩 3 天 / 今天到期 / 已逾期 2 天. */
export function deadlineText(deadline: string, today: string): string {
  const days = Math.round((dateToUtcMs(deadline) - dateToUtcMs(today)) / DAY_MS);
  if (days > 0) return `办理期限 ${deadline}（还剩 ${days} 天）`;
  if (days === 0) return `办理期限 ${deadline}（今天到期）`;
  return `办理期限 ${deadline}（已逾期 ${-days} 天）`;
}
