import { chinaClock } from '@/shared/calendar/dates';

/** '10月1日 15:01' in China time, as the staff lists show when something was sent, held or published. */
export function staffDateTime(ms: number): string {
  const china = chinaClock(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${china.getUTCMonth() + 1}月${china.getUTCDate()}日 ${pad(china.getUTCHours())}:${pad(china.getUTCMinutes())}`;
}
