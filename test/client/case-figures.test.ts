import type { CaseFigures } from '@/shared/contracts/case';
import { agingRows, monthBars, percent, periodOf } from '@/lib/case-figures';

type Month = CaseFigures['months'][number];

function month(name: string, received: number, answered: number): Month {
  const counts = { received, assigned: 0, answered, assignedAnswered: 0, onTime: 0, open: 0, overdueOpen: 0, answerBase: 0, rated: 0, satisfied: 0, satisfactionBase: 0, attitudeSum: 0 };
  return { month: name, counts, rates: { response: null, answer: null, onTime: null, satisfaction: null, attitudeAverage: null } };
}

describe('the 统计 period', () => {
  it('“今年” runs from 1 January to today, in China time', () => {
    expect(periodOf('year', Date.UTC(2026, 10, 21, 12))).toEqual({ from: '2026-01-01', to: '2026-11-21' });
  });

  it('“今年” is already the new year at 00:30 on 1 January in China (16:30 UTC the day before)', () => {
    expect(periodOf('year', Date.UTC(2025, 11, 31, 16, 30))).toEqual({ from: '2026-01-01', to: '2026-01-01' });
  });

  it('“近30天” is the last 30 days including today', () => {
    expect(periodOf('days30', Date.UTC(2026, 2, 1, 4))).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });
});

describe('rates as percentages', () => {
  it('rounds to one decimal and drops a trailing .0', () => {
    expect(percent(92 / 107)).toBe('86%');
    expect(percent(6 / 7)).toBe('85.7%');
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
  });

  it('shows a dash when there was nothing to divide (no data is not 0%)', () => {
    expect(percent(null)).toBe('—');
  });
});

describe('the month chart', () => {
  it('scales both bars of every month to the busiest month', () => {
    const bars = monthBars([month('2026-10', 4, 2), month('2026-11', 8, 8)]);
    expect(bars).toEqual([
      { label: '10月', received: 4, answered: 2, receivedRatio: 0.5, answeredRatio: 0.25 },
      { label: '11月', received: 8, answered: 8, receivedRatio: 1, answeredRatio: 1 },
    ]);
  });

  it('names the year when the period spans two', () => {
    expect(monthBars([month('2025-12', 1, 0), month('2026-01', 0, 0)]).map((bar) => bar.label)).toEqual(['2025年12月', '2026年1月']);
  });

  it('draws empty bars for a period with no cases', () => {
    expect(monthBars([month('2026-11', 0, 0)])[0]).toMatchObject({ receivedRatio: 0, answeredRatio: 0 });
  });
});

describe('aging of open cases', () => {
  it('lists the buckets from the youngest to the oldest', () => {
    expect(agingRows({ days0to3: 5, days4to7: 2, days8to15: 1, over15: 3 })).toEqual([
      { label: '3 天以内', count: 5 },
      { label: '4–7 天', count: 2 },
      { label: '8–15 天', count: 1 },
      { label: '超过 15 天', count: 3 },
    ]);
  });
});
