/**
 * `npm start`'s fixed clock (LIANXIN_NOW) is for browser tests in dev mode only: read as epoch ms or an ISO time, and
 * refused in the production-like mode, so a stray variable never serves a stopped clock to real users.
 */
import { fixedClock } from '../../scripts/local/mode';

test('no LIANXIN_NOW: the wall clock', () => {
  expect(fixedClock({}, 'dev')).toBeNull();
  expect(fixedClock({ LIANXIN_NOW: ' ' }, 'production')).toBeNull();
});

test('dev mode reads epoch ms or an ISO time', () => {
  expect(fixedClock({ LIANXIN_NOW: '1795140000000' }, 'dev')).toBe(1795140000000);
  expect(fixedClock({ LIANXIN_NOW: '2026-11-20T10:00:00+08:00' }, 'dev')).toBe(Date.parse('2026-11-20T02:00:00Z'));
});

test('the production-like mode refuses it, and a value that is not a time is refused', () => {
  expect(() => fixedClock({ LIANXIN_NOW: '1795140000000' }, 'production')).toThrow('类生产模式不能使用');
  expect(() => fixedClock({ LIANXIN_NOW: 'tomorrow' }, 'dev')).toThrow('LIANXIN_NOW 不是一个时间');
});
