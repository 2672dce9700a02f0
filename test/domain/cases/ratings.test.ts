/** A deputy's own ratings: month figures of finished months only, and only over enough ratings to hide each one. */
import { DEPUTY_RATING_MIN, deputyRatings, ratingPeriod, reportedMonths, type RatingRecord } from '../../../cloud/src/domain/cases/ratings';
import { cn } from './fixtures';

const NOW = cn(2026, 11, 20, 10);
const rating = (at: number, attitude: number, solved: RatingRecord['solved'] = 'yes'): RatingRecord => ({ at, attitude, solved });

test('the twelve finished months before this one are reported, in China time', () => {
  expect(reportedMonths(NOW)).toEqual([
    '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10',
  ]);
  expect(ratingPeriod(NOW)).toEqual({ from: cn(2025, 11, 1), to: cn(2026, 11, 1) });
});

test(`a month with fewer than ${DEPUTY_RATING_MIN} ratings shows nothing; one with enough shows only its totals`, () => {
  const october = [5, 4, 4, 2, 5].map((stars, i) => rating(cn(2026, 10, 3 + i, 9), stars, i === 3 ? 'no' : 'yes'));
  const september = [1, 5, 5, 5].map((stars, i) => rating(cn(2026, 9, 3 + i, 9), stars));
  expect(deputyRatings([...october, ...september], NOW)).toEqual({
    minCases: 5,
    months: [{ month: '2026-10', rated: 5, satisfaction: 0.8, attitudeAverage: 4 }],
  });
});

test('ratings of the current month wait for it to end, however many there are', () => {
  const november = [5, 4, 3, 2, 1, 5].map((stars, i) => rating(cn(2026, 11, 2 + i, 9), stars));
  expect(deputyRatings(november, NOW).months).toEqual([]);
  // Months are China-time months: 31 October 23:30 counts in October.
  const lateOctober = Array.from({ length: 5 }, () => rating(cn(2026, 10, 31, 23, 30), 3));
  expect(deputyRatings(lateOctober, NOW).months.map((month) => month.month)).toEqual(['2026-10']);
});
