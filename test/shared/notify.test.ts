import { fitTemplateValue, templateData, templateTime, TEMPLATES } from '../../src/shared/notify';

test('a thing keyword longer than 20 characters is cut to 20 with an ellipsis, counting characters not bytes', () => {
  const long = '东湖社区菜市场东门路灯坏了两个星期晚上出行很不方便';
  const cut = fitTemplateValue('thing', long);
  expect(Array.from(cut)).toHaveLength(20);
  expect(cut.endsWith('…')).toBe(true);
  expect(long.startsWith(cut.slice(0, -1))).toBe(true);
});

test('phrase keeps 5 characters, name 10, character_string 32; short values pass unchanged', () => {
  expect(fitTemplateValue('phrase', '办理中请等待')).toBe('办理中请等');
  expect(fitTemplateValue('name', '欧阳娜娜娜娜娜娜娜娜娜')).toHaveLength(10);
  expect(fitTemplateValue('character_string', 'LS-2026-000123')).toBe('LS-2026-000123');
  expect(fitTemplateValue('thing', '路灯维修')).toBe('路灯维修');
});

test('emoji and other astral characters count as one character each and are never split in half', () => {
  const value = '😀'.repeat(25);
  expect(Array.from(fitTemplateValue('thing', value))).toEqual([...Array(19).fill('😀'), '…']);
});

test('template data fills every keyword of the template and cuts each to its kind', () => {
  const data = templateData(TEMPLATES.roleChange, { phrase1: '党代表角色', thing2: '东湖街道党代表工作室（湖滨路88号二楼接待室）' });
  expect(Object.keys(data).sort()).toEqual(['phrase1', 'thing2', 'time3']);
  expect(data.phrase1.value).toBe('党代表角色');
  expect(Array.from(data.thing2.value)).toHaveLength(20);
  expect(data.time3.value).toBe('');
});

test('template time is China time in WeChat\'s format, whatever the host time zone', () => {
  expect(templateTime(Date.UTC(2026, 9, 1, 7, 1))).toBe('2026年10月1日 15:01');
  expect(templateTime(Date.UTC(2026, 11, 31, 16, 30))).toBe('2027年1月1日 00:30');
});
