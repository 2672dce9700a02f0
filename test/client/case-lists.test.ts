import { distanceText } from '@/lib/distance';
import { appendPage } from '@/lib/paged-list';

const row = (id: string, state = 'assigned') => ({ id, state });

describe('加载更多 in a case list', () => {
  it('adds the next page below the rows already shown', () => {
    expect(appendPage([row('a'), row('b')], [row('c')]).map((item) => item.id)).toEqual(['a', 'b', 'c']);
  });

  it('keeps one row for a case that moved into the next page meanwhile, in its place, with the newer state', () => {
    const merged = appendPage([row('a'), row('b')], [row('b', 'replied'), row('c')]);
    expect(merged).toEqual([row('a'), row('b', 'replied'), row('c')]);
  });
});

describe('how far a studio is', () => {
  it('is said in metres nearby and in kilometres further away', () => {
    expect(distanceText(4)).toBe('约 10 米');
    expect(distanceText(348)).toBe('约 350 米');
    expect(distanceText(1234)).toBe('约 1.2 公里');
    expect(distanceText(15_400)).toBe('约 15 公里');
  });

  it('says nothing for a distance that is not one', () => {
    expect(distanceText(Number.NaN)).toBe('');
  });
});
