import { fullTime, relativeTime } from '@/lib/time';

/** A moment given in China time (UTC+8), whatever time zone the test machine is in. */
const china = (year: number, month: number, day: number, hour = 0, minute = 0): number => Date.UTC(year, month - 1, day, hour - 8, minute);

const NOW = china(2026, 11, 20, 10, 0);
const MINUTE = 60_000;

describe('how long ago a message arrived, in plain Chinese', () => {
  it('says 刚刚 for anything under a minute old', () => {
    expect(relativeTime(NOW - 59_000, NOW)).toBe('刚刚');
  });

  it('says 刚刚 when the server clock is slightly ahead of the phone', () => {
    expect(relativeTime(NOW + 30_000, NOW)).toBe('刚刚');
  });

  it('counts whole minutes within the hour', () => {
    expect(relativeTime(NOW - 60_000, NOW)).toBe('1分钟前');
    expect(relativeTime(NOW - 59 * MINUTE - 59_000, NOW)).toBe('59分钟前');
  });

  it('counts whole hours for earlier the same day', () => {
    expect(relativeTime(NOW - 60 * MINUTE, NOW)).toBe('1小时前');
    expect(relativeTime(china(2026, 11, 20, 0, 5), NOW)).toBe('9小时前');
  });

  it('says 昨天 with the time for the previous calendar day in China, even when under 24 hours ago', () => {
    expect(relativeTime(china(2026, 11, 19, 23, 50), NOW)).toBe('昨天 23:50');
    expect(relativeTime(china(2026, 11, 19, 0, 0), NOW)).toBe('昨天 00:00');
  });

  it('uses China midnight, not the machine’s, to tell today from yesterday', () => {
    const justAfterMidnight = china(2026, 11, 21, 0, 30);
    expect(relativeTime(china(2026, 11, 20, 23, 0), justAfterMidnight)).toBe('昨天 23:00');
    expect(relativeTime(china(2026, 11, 21, 0, 1), justAfterMidnight)).toBe('29分钟前');
  });

  it('shows month, day and time for older messages of this year', () => {
    expect(relativeTime(china(2026, 11, 18, 8, 5), NOW)).toBe('11月18日 08:05');
    expect(relativeTime(china(2026, 1, 1, 0, 0), NOW)).toBe('1月1日 00:00');
  });

  it('shows the full date for messages from an earlier year', () => {
    expect(relativeTime(china(2025, 12, 31, 23, 59), NOW)).toBe('2025年12月31日');
  });
});

describe('exact times for audit records', () => {
  it('shows the China date and time to the minute', () => {
    expect(fullTime(china(2026, 11, 20, 10, 0))).toBe('2026年11月20日 10:00');
    expect(fullTime(china(2027, 1, 1, 0, 7))).toBe('2027年1月1日 00:07');
  });
});
