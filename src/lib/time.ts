import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** Everyone using Lianxin is in China: show China time whatever the device or test machine says. */
const CHINA_OFFSET_MINUTES = 8 * 60;

const chinaTime = (ms: number) => dayjs(ms).utcOffset(CHINA_OFFSET_MINUTES);

/**
 * When a message arrived, in plain Chinese relative to `now`: 刚刚, 5分钟前, 3小时前 (same day), 昨天 08:30,
 * 11月3日 08:30 (this year), 2025年11月3日 (older). A time ahead of `now` (a fast server clock) reads as 刚刚.
 */
export function relativeTime(ms: number, now: number): string {
  const elapsed = now - ms;
  if (elapsed < 60_000) return '刚刚';
  if (elapsed < 3600_000) return `${Math.floor(elapsed / 60_000)}分钟前`;
  const then = chinaTime(ms);
  const today = chinaTime(now).startOf('day');
  if (!then.isBefore(today)) return `${Math.floor(elapsed / 3600_000)}小时前`;
  if (!then.isBefore(today.subtract(1, 'day'))) return `昨天 ${then.format('HH:mm')}`;
  if (then.year() === today.year()) return then.format('M月D日 HH:mm');
  return then.format('YYYY年M月D日');
}

/** A full date and time for records that must be exact (授权记录): 2026年11月20日 10:00. */
export function fullTime(ms: number): string {
  return chinaTime(ms).format('YYYY年M月D日 HH:mm');
}
