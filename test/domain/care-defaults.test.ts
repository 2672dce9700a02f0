/**
 * 廉政提醒 out of the box: all eight festivals (元旦, 春节, 元宵, 清明, 五一, 端午, 中秋, 国庆), each with its own title and a
 * few default texts of our own that name the festival, sent 2 days before the holiday period until staff change it.
 */
import { DEFAULT_TEXTS } from '../../src/shared/care';
import { FESTIVALS } from '../../src/shared/calendar/festival-names';
import { resolveSettings } from '../../cloud/src/domain/care/festival-reminders';

test('the calendar has the eight festivals the issue names', () => {
  expect(FESTIVALS.map((festival) => festival.name)).toEqual(['元旦', '春节', '元宵节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
});

test.each(FESTIVALS.map((festival) => [festival.name, festival.key] as const))('%s ships a title and at least two distinct, sizeable texts', (_name, key) => {
  const { title, texts } = DEFAULT_TEXTS[key];
  expect(title).toMatch(/廉洁提醒$/);
  expect(texts.length).toBeGreaterThanOrEqual(2);
  expect(new Set(texts).size).toBe(texts.length);
  for (const text of texts) expect(text.length).toBeGreaterThanOrEqual(30);
});

test('with nothing saved, every festival is on, 2 days before, with its first default text', () => {
  const { festivals } = resolveSettings(null);
  for (const { key } of FESTIVALS) {
    expect(festivals[key]).toMatchObject({ enabled: true, daysBefore: 2, title: DEFAULT_TEXTS[key].title, text: DEFAULT_TEXTS[key].texts[0] });
  }
});
