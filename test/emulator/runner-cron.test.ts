import { CronError, nextFire, parseCron } from '../../emulator/runner/cron';
import { Scheduler } from '../../emulator/runner/schedules';

/** Beijing wall-clock time → the instant. */
const bj = (text: string): Date => new Date(`${text}+08:00`);
const next = (expression: string, after: string): string | undefined =>
  nextFire(parseCron(expression), bj(after))?.toISOString();

describe('cron next fire, evaluated in UTC+8', () => {
  test('"every day at 09:00" fires at 09:00 Beijing time, which is 01:00 UTC', () => {
    expect(next('0 0 9 * * * *', '2027-03-10T08:59:59')).toBe(bj('2027-03-10T09:00:00').toISOString());
    expect(next('0 0 9 * * * *', '2027-03-10T08:59:59')).toBe('2027-03-10T01:00:00.000Z');
  });

  test('after today\'s fire the next one is tomorrow, across a month boundary', () => {
    expect(next('0 0 9 * * * *', '2027-01-31T09:00:00')).toBe(bj('2027-02-01T09:00:00').toISOString());
  });

  test('Beijing midnight is the day boundary, not UTC midnight', () => {
    // 16:30 UTC on 31 Dec is already 00:30 on 1 Jan in Beijing: the next midnight is 2 Jan (Beijing), 16:00 UTC on 1 Jan.
    expect(nextFire(parseCron('0 0 0 * * * *'), new Date('2026-12-31T16:30:00Z'))?.toISOString()).toBe('2027-01-01T16:00:00.000Z');
    expect(nextFire(parseCron('0 0 0 * * * *'), new Date('2026-12-31T15:30:00Z'))?.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(next('0 30 0 * * * *', '2026-12-31T23:59:59')).toBe(bj('2027-01-01T00:30:00').toISOString());
  });

  test('a monthly fire on the 31st skips months without a 31st', () => {
    expect(next('0 0 8 31 * * *', '2027-01-31T08:00:00')).toBe(bj('2027-03-31T08:00:00').toISOString());
  });

  test('a yearly fire crosses the year boundary; a past year never fires again', () => {
    expect(next('0 0 10 1 1 * *', '2027-06-01T00:00:00')).toBe(bj('2028-01-01T10:00:00').toISOString());
    expect(next('0 0 10 1 1 * 2026', '2027-06-01T00:00:00')).toBeUndefined();
  });

  test('29 February is found in the next leap year', () => {
    expect(next('0 0 0 29 2 * *', '2027-03-01T00:00:00')).toBe(bj('2028-02-29T00:00:00').toISOString());
  });

  test('weekday lists, ranges and names pick working days (0 = Sunday)', () => {
    // 2027-03-12 is a Friday.
    expect(next('0 0 9 * * 1-5 *', '2027-03-12T10:00:00')).toBe(bj('2027-03-15T09:00:00').toISOString());
    expect(next('0 0 9 * * SAT,SUN *', '2027-03-12T10:00:00')).toBe(bj('2027-03-13T09:00:00').toISOString());
  });

  test('steps and lists in the time fields', () => {
    expect(next('*/15 * * * * * *', '2027-03-12T10:00:07')).toBe(bj('2027-03-12T10:00:15').toISOString());
    expect(next('0 5/20 * * * * *', '2027-03-12T10:46:00')).toBe(bj('2027-03-12T11:05:00').toISOString());
    expect(next('0 0 8,12,18 * * * *', '2027-03-12T12:00:00')).toBe(bj('2027-03-12T18:00:00').toISOString());
  });
});

describe('cron validation', () => {
  test.each([
    ['0 0 9 * * *', '7 个字段'],
    ['0 0 9 1 * 1 *', '不能同时指定'],
    ['0 60 9 * * * *', '0-59'],
    ['0 0 9 * 13 * *', '1-12'],
    ['0 0 9 * * 7 *', '0-6'],
    ['0 0 9 5-1 * * *', '起点大于终点'],
    ['0 */0 9 * * * *', '步长'],
  ])('"%s" is rejected (%s)', (expression, reason) => {
    expect(() => parseCron(expression)).toThrow(CronError);
    expect(() => parseCron(expression)).toThrow(reason);
  });
});

describe('local schedules', () => {
  test('the scheduler arms each function for its next fire computed from the injected clock', () => {
    const scheduler = new Scheduler(() => undefined, () => bj('2027-03-12T08:00:00'));
    const armed = scheduler.start([{ name: 'tick', schedule: parseCron('0 0 9 * * * *') }]);
    scheduler.stop();
    expect(armed.get('tick')?.toISOString()).toBe(bj('2027-03-12T09:00:00').toISOString());
  });

  test('a due fire runs with its scheduled time, then re-arms for the next one instead of firing again', async () => {
    jest.useFakeTimers({ now: bj('2027-03-12T08:59:59') });
    try {
      const fired: string[] = [];
      const scheduler = new Scheduler((name, at) => fired.push(`${name}@${at.toISOString()}`), () => new Date());
      scheduler.start([{ name: 'tick', schedule: parseCron('0 0 9 * * * *') }]);
      await jest.advanceTimersByTimeAsync(1000);
      expect(fired).toEqual([`tick@${bj('2027-03-12T09:00:00').toISOString()}`]);
      await jest.advanceTimersByTimeAsync(24 * 3600_000);
      expect(fired).toHaveLength(2);
      scheduler.stop();
    } finally {
      jest.useRealTimers();
    }
  });
});
