/**
 * Issue 12, demo data: whatever day `npm start` first runs — the last minute of a year, 29 February, 28 February of a
 * common year, just after midnight China time — the seed gives 李明 (bound) and 刘洋 (not bound) their political
 * birthday that day and 张伟 and 王芳 one later that week, on real dates, so a newcomer sees both lists at once.
 */
import { addDays, chinaDate } from '../../src/shared/calendar';
import { anniversaryMonthDays, isPoliticalBirthday, nextAnniversary, yearsInParty } from '../../src/shared/birthday';
import { roster } from '../../scripts/local/demo-data';

/** An instant given in China time (UTC+8). */
const china = (iso: string): number => Date.parse(`${iso}+08:00`);

const SEED_DAYS = [
  china('2026-11-30T10:00:00'),
  china('2026-12-31T23:59:30'),
  china('2027-01-01T00:30:00'),
  china('2027-02-28T12:00:00'),
  china('2028-02-27T12:00:00'),
  china('2028-02-29T08:00:00'),
];

const isRealDate = (date: string): boolean => new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;

describe.each(SEED_DAYS.map((at) => [new Date(at).toISOString(), at]))('a demo seeded at %s', (_label, at) => {
  const today = chinaDate(at);
  const members = roster(at);
  const named = (name: string) => {
    const found = members.find((member) => member.name === name);
    if (!found) throw new Error(`${name} missing from the demo roster`);
    return found;
  };

  test('every join date is a real date and its month-day is the indexed field', () => {
    for (const member of members) {
      expect(isRealDate(member.joinedAt)).toBe(true);
      expect(member.joinedAt.slice(5)).toBe(member.joinedMonthDay);
    }
  });

  test('李明 (bound) and 刘洋 (not bound) have their political birthday that China day, found by the day\'s month-day query', () => {
    const todays = members.filter((member) => anniversaryMonthDays(today).includes(member.joinedMonthDay) && isPoliticalBirthday(member.joinedAt, today));
    expect(todays.map((member) => member.name).sort()).toEqual(['刘洋', '李明'].sort());
    expect(named('李明').boundOpenid).toBe('o_demo_member');
    expect(named('刘洋').boundOpenid).toBeNull();
    expect(yearsInParty(named('李明').joinedAt, today)).toBe(Number(today.slice(0, 4)) - 1996);
  });

  test('张伟 and 王芳 have theirs later in the coming week', () => {
    const week = Array.from({ length: 7 }, (_, n) => addDays(today, n + 1));
    for (const name of ['张伟', '王芳']) expect(week).toContain(nextAnniversary(named(name).joinedAt, today));
  });
});

test('on every day of a common and a leap year, 李明 and 刘洋 are the seed day\'s only political birthdays (the browser test counts them)', () => {
  const crowded: string[] = [];
  for (const first of ['2027-01-01', '2028-01-01']) {
    const days = Number(first.slice(0, 4)) % 4 === 0 ? 366 : 365;
    for (let n = 0; n < days; n += 1) {
      const today = addDays(first, n);
      const todays = roster(china(`${today}T12:00:00`)).filter((member) => isPoliticalBirthday(member.joinedAt, today));
      if (todays.length !== 2) crowded.push(`${today}: ${todays.map((member) => member.name).join('、')}`);
    }
  }
  expect(crowded).toEqual([]);
});
