/** The 政治生日贺卡 image: the whole oath and greeting are on it, every line inside the card, nothing below its edge. */
import { CARD_HEIGHT, CARD_WIDTH, cardDrawing, wrap } from '@/lib/card-layout';
import { DEFAULT_GREETING, PARTY_OATH, renderGreeting, type BirthdayCardView } from '@/shared/birthday';

const card: BirthdayCardView = {
  name: '李明',
  branchName: '东湖社区第一党支部',
  joinedAt: '1996-11-20',
  joinDateText: '1996年11月20日',
  years: 30,
  date: '2026-11-20',
  oath: PARTY_OATH,
  oathLine: '',
  greeting: renderGreeting(DEFAULT_GREETING, { name: '李明', years: 30, joinedAt: '1996-11-20', branch: '东湖社区第一党支部' }),
  own: true,
};

test('the image carries the name, the years, the join date, the full oath and the greeting, word for word', () => {
  const all = cardDrawing(card).texts.map((item) => item.text).join('');
  for (const part of ['李明同志', '入党 30 周年', '1996年11月20日，您光荣地加入了中国共产党。', PARTY_OATH, card.greeting]) expect(all).toContain(part);
});

/** Drawn width: a Chinese character (or full-width mark) is one em; a digit or Latin letter at most 0.6 em. */
const drawnWidth = (text: string, size: number): number => Array.from(text).reduce((sum, char) => sum + (char.charCodeAt(0) > 0xff ? size : size * 0.6), 0);

test('every line fits inside the card, above its bottom edge', () => {
  for (const item of cardDrawing(card).texts) {
    const width = drawnWidth(item.text, item.size);
    if (item.align === 'left') expect(item.x + width).toBeLessThanOrEqual(CARD_WIDTH - 12);
    else expect(width).toBeLessThanOrEqual(CARD_WIDTH - 24);
    expect(item.y).toBeLessThan(cardDrawing(card).height - 12);
  }
});

test('a long greeting makes the card taller instead of running off its bottom', () => {
  const long = cardDrawing({ ...card, greeting: '祝'.repeat(300) });
  expect(long.height).toBeGreaterThan(CARD_HEIGHT);
  const lowest = Math.max(...long.texts.map((item) => item.y));
  expect(lowest).toBeLessThan(long.height - 12);
  expect(long.texts.map((item) => item.text).join('')).toContain('祝'.repeat(300));
});

test('wrapping keeps every character and breaks before the width is passed', () => {
  const lines = wrap(PARTY_OATH, 14, 300);
  expect(lines.join('')).toBe(PARTY_OATH);
  expect(lines.every((line) => Array.from(line).length * 14 <= 300)).toBe(true);
});
