/**
 * 关怀提醒 — 廉政提醒 before each festival — as stored and shown, shared by client and cloud. Platform-free: festival
 * dates are computed on the cloud (src/shared/calendar/festivals.ts) and reach pages in these views.
 */
import type { FestivalKey } from './calendar/festival-names';
import type { SchedulePeriod, ScheduleSource } from './calendar/schedule';

export { FESTIVALS, festivalName, type FestivalKey } from './calendar/festival-names';

/** Reminders go out this many days before a holiday period starts unless staff change it (1–4 is common practice). */
export const DEFAULT_DAYS_BEFORE = 2;
export const MAX_DAYS_BEFORE = 15;

/** One festival's reminder as staff set it. */
export interface FestivalReminderSetting {
  enabled: boolean;
  /** Days before the start of the holiday period (or the festival day when there is none). */
  daysBefore: number;
  /** Shown as the message title and the WeChat message's 通知标题 (≤ 20 characters). */
  title: string;
  text: string;
}

/** Who receives festival reminders besides the members (always addressed). */
export interface ReminderAudience {
  deputies: boolean;
  staff: boolean;
}

/** `care_settings`, document `festival-reminders`. */
export interface ReminderSettingsDoc {
  _id: string;
  festivals: Record<FestivalKey, FestivalReminderSetting>;
  audience: ReminderAudience;
  updatedAt: number;
  updatedBy: string;
}

export const REMINDER_SETTINGS_ID = 'festival-reminders';

/** Our texts, the first of each list being the default: short, warm, and plain about what 廉洁过节 means. */
export const DEFAULT_TEXTS: Record<FestivalKey, { title: string; texts: string[] }> = {
  newYear: {
    title: '元旦廉洁提醒',
    texts: [
      '新年将至，祝您和家人元旦快乐！请廉洁过节：不用公款吃喝、旅游和送节礼，不收送礼品礼金、购物卡和电子红包，不借机操办婚丧喜庆。清清爽爽迎新年。',
      '辞旧迎新之际，提醒您守牢廉洁底线：不收送礼品礼金，不参加可能影响公正执行公务的宴请，不公车私用。祝您新年平安顺遂！',
    ],
  },
  spring: {
    title: '春节廉洁提醒',
    texts: [
      '春节将至，给您和家人拜个早年！欢度佳节不忘廉洁：不用公款吃喝、购买年货节礼，不收送礼品礼金和消费卡，不公车回家过年，不大操大办，不参与赌博。过一个平安、清廉、祥和的春节。',
      '新春佳节，阖家团圆。请严守中央八项规定精神：走亲访友不收送红包礼金，不接受管理服务对象的宴请，不公车私用。祝您新春快乐、万事如意！',
    ],
  },
  lantern: {
    title: '元宵廉洁提醒',
    texts: [
      '元宵佳节，祝您阖家团圆！请继续保持节日廉洁：不借拜年、走访之机收送礼品礼金，不公款宴请聚餐，不参加可能影响公正执行公务的宴请和娱乐活动。',
      '灯火团圆夜，清风伴佳节。提醒您节日收尾不松劲：不收送红包礼金，不公款吃喝，不公车私用。祝您元宵快乐！',
    ],
  },
  qingming: {
    title: '清明廉洁提醒',
    texts: [
      '清明将至，缅怀先烈、慎终追远。请文明祭扫、廉洁过节：不用公车祭扫，不借祭扫之机公款消费或收受礼金，不搞封建迷信活动，安全文明、绿色低碳祭扫。',
      '清明时节寄哀思，廉洁自律守初心。提醒您：祭扫不用公车、不搞攀比，不借机收受礼金，注意出行和防火安全。',
    ],
  },
  labour: {
    title: '五一廉洁提醒',
    texts: [
      '劳动节将至，向辛勤付出的您致以节日问候！假期出行请廉洁自律：不公款旅游、不公车私用，不接受可能影响公正执行公务的宴请和旅游安排，不收送礼品礼金。',
      '五一假期，劳逸结合。提醒您：出游自费、不公车私用，不收送礼品礼金，不出入私人会所。祝您假期愉快、平安出行！',
    ],
  },
  dragonBoat: {
    title: '端午廉洁提醒',
    texts: [
      '端午将至，粽叶飘香，祝您节日安康！请廉洁过节：不用公款购买、赠送粽子等节礼，不收送礼品礼金和购物卡，不公款吃喝，不违规发放福利。清风过端午。',
      '粽香端午，清风常在。提醒您：不收送节礼和电子红包，不参加违规宴请，不公车私用。愿您端午安康！',
    ],
  },
  midAutumn: {
    title: '中秋廉洁提醒',
    texts: [
      '中秋将至，月圆人团圆，祝您和家人节日快乐！请廉洁过节：不用公款吃喝、购送月饼节礼，不收送礼品礼金、购物卡和电子红包，不违规发放津贴补贴，不大操大办。以清风正气过中秋。',
      '明月寄相思，清廉过中秋。提醒您：月饼不收送、宴请不参加、公车不私用，守住小节、守牢底线。祝您阖家幸福！',
    ],
  },
  national: {
    title: '国庆廉洁提醒',
    texts: [
      '国庆将至，祝您和家人节日快乐！长假期间请廉洁自律：不公款吃喝、旅游，不公车私用，不收送礼品礼金和消费卡，不违规操办婚丧喜庆，不出入私人会所。过一个廉洁、平安、欢乐的国庆。',
      '喜迎国庆，廉洁同行。提醒您：假期出行自费自理，不收送礼品礼金，不接受违规宴请，注意出行安全。祝您国庆快乐！',
    ],
  },
};

/** Where a reminder's day is counted from. */
export type ReminderBasis = 'period' | 'festival_day';

/** One festival reminder in the coming year's plan. */
export interface PlannedReminderView {
  /** `<festival>:<year>`: the reminder's identity, and its push job's origin key. */
  key: string;
  festival: FestivalKey;
  /** 中秋节、国庆节 when two festivals share one holiday period (one reminder, sent once). */
  festivalName: string;
  year: number;
  festivalDay: string;
  period: { start: string; end: string } | null;
  basis: ReminderBasis;
  /** Why the day is what it is, in plain words (e.g. "2027 年放假安排尚未录入，按节日当天计算"). */
  note: string;
  sendDate: string;
  daysBefore: number;
  title: string;
  text: string;
  enabled: boolean;
  /** The push job once the daily run made it. */
  jobId: string | null;
  percent: number | null;
}

/** An ad-hoc reminder staff scheduled. */
export interface AdhocReminderView {
  id: string;
  date: string;
  title: string;
  text: string;
  audienceNames: string[];
  deputies: boolean;
  staff: boolean;
  byName: string;
  jobId: string;
  status: string;
  percent: number;
}

/** `care_reminders`: an ad-hoc reminder (its push job is made when it is scheduled and waits for its day). */
export interface AdhocReminderDoc {
  _id: string;
  date: string;
  title: string;
  text: string;
  orgIds: string[];
  deputies: boolean;
  staff: boolean;
  jobId: string;
  scopePath: string[];
  byOpenid: string;
  byName: string;
  createdAt: number;
}

/** A year's 放假安排 as the editor shows it. */
export interface YearScheduleView {
  year: number;
  source: ScheduleSource;
  periods: SchedulePeriod[];
  workdays: string[];
  updatedAt: number | null;
  updatedBy: string | null;
  festivals: Array<{ key: FestivalKey; name: string; date: string; statutory: boolean }>;
}

/** The staff banner while a year's schedule is missing. */
export interface ScheduleNotice {
  year: number;
  message: string;
}

/** Hour (China time) reminders are sent on their day. */
export const REMINDER_SEND_HOUR = 9;
