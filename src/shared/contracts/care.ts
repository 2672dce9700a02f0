/**
 * `care`: 节假日安排 (the year's 放假安排 staff enter, used by 限时办结 and the reminders) and 廉政提醒 (per-festival
 * settings, the coming year's plan, ad-hoc reminders). The timer trigger `daily` (09:00) turns the day's reminders into
 * push jobs. Editing the schedule and the festival settings is for district-level admins (the root of the org tree).
 */
import * as v from 'valibot';
import type { FestivalKey } from '../calendar/festival-names';
import type { AdhocReminderView, FestivalReminderSetting, PlannedReminderView, ReminderAudience, ScheduleNotice, YearScheduleView } from '../care';
import { MAX_DAYS_BEFORE } from '../care';
import { action, defineFunction, id, text } from '../contract';

const REQUEST_BROKEN = '页面已过期，请刷新后重试';
const STATUTORY_KEYS = ['newYear', 'spring', 'qingming', 'labour', 'dragonBoat', 'midAutumn', 'national'] as const;
const ALL_KEYS = ['newYear', 'spring', 'lantern', 'qingming', 'labour', 'dragonBoat', 'midAutumn', 'national'] as const satisfies readonly FestivalKey[];

const date = (label: string) => v.pipe(v.string(`请填写${label}`), v.regex(/^\d{4}-\d{2}-\d{2}$/, `${label}应为 年-月-日`));
const year = v.pipe(v.number('请选择年份'), v.integer('请选择年份'), v.minValue(2004, '年份有误'), v.maxValue(2099, '年份有误'));

const setting = v.object({
  enabled: v.boolean(),
  daysBefore: v.pipe(v.number(), v.integer('提前天数应为整数'), v.minValue(0, '提前天数不能小于 0'), v.maxValue(MAX_DAYS_BEFORE, `最多提前 ${MAX_DAYS_BEFORE} 天`)),
  title: text('提醒标题', 20),
  text: text('提醒内容', 300),
});

export interface ReminderSettingsView {
  festivals: Record<FestivalKey, FestivalReminderSetting>;
  audience: ReminderAudience;
  /** District-level admins edit; others read. */
  canEdit: boolean;
}

export const care = defineFunction('care', {
  calendar: action({
    summary: '查看一年的节日与放假安排',
    input: v.object({ year }),
    roles: ['admin'],
    idempotent: true,
  }).returns<{ schedule: YearScheduleView; canEdit: boolean }>(),
  saveSchedule: action({
    summary: '录入或修改一年的放假安排（区级管理员）',
    input: v.object({
      year,
      periods: v.pipe(
        v.array(v.object({ festival: v.picklist(STATUTORY_KEYS, '请选择节日'), start: date('放假开始日期'), end: date('放假结束日期') })),
        v.maxLength(10, '假期太多了，请检查'),
      ),
      workdays: v.pipe(v.array(date('调休上班日')), v.maxLength(20, '调休上班日太多了，请检查')),
    }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ schedule: YearScheduleView }>(),
  notice: action({
    summary: '放假安排缺失提醒（工作台横幅）',
    input: v.object({}),
    roles: ['admin'],
    idempotent: true,
  }).returns<{ notice: ScheduleNotice | null; canEdit: boolean }>(),
  settings: action({
    summary: '查看节日廉政提醒设置',
    input: v.object({}),
    roles: ['admin'],
    idempotent: true,
  }).returns<ReminderSettingsView>(),
  saveSettings: action({
    summary: '修改节日廉政提醒的提前天数、内容和接收人（区级管理员）',
    input: v.object({
      festivals: v.object(Object.fromEntries(ALL_KEYS.map((key) => [key, setting])) as Record<FestivalKey, typeof setting>),
      audience: v.object({ deputies: v.boolean(), staff: v.boolean() }),
    }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<ReminderSettingsView>(),
  reminders: action({
    summary: '未来一年的廉政提醒（节日提醒与临时提醒）',
    input: v.object({}),
    roles: ['admin'],
    idempotent: true,
  }).returns<{ today: string; festival: PlannedReminderView[]; adhoc: AdhocReminderView[] }>(),
  preview: action({
    summary: '预览一条节日廉政提醒（按未保存的设置）',
    input: v.object({ festival: v.picklist(ALL_KEYS, '请选择节日'), setting }),
    roles: ['admin'],
    idempotent: true,
  }).returns<{ reminder: PlannedReminderView }>(),
  schedule: action({
    summary: '安排一条临时廉政提醒（日期、内容、接收范围）',
    input: v.object({
      requestId: v.pipe(v.string(REQUEST_BROKEN), v.regex(/^[\w-]{8,64}$/, REQUEST_BROKEN)),
      orgId: id('发送范围'),
      branchIds: v.optional(v.pipe(v.array(id('支部')), v.maxLength(500, '一次最多选择 500 个支部')), []),
      date: date('发送日期'),
      title: text('提醒标题', 20),
      text: text('提醒内容', 300),
      deputies: v.optional(v.boolean(), false),
      staff: v.optional(v.boolean(), false),
    }),
    roles: ['admin'],
    scoped: true,
    idempotent: true,
  }).returns<{ reminder: AdhocReminderView; created: boolean }>(),
});
