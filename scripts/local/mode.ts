/**
 * Which kind of local run `npm start` is. Dev mode (the default) offers persona sign-in (我的 → 切换演示身份) and the
 * /api/_dev/* routes (timers on demand); the production-like mode has neither: every browser is one anonymous WeChat
 * user, as in the mini-program. Chosen by `npm start -- --production` / `--dev`, else LIANXIN_MODE=production|dev;
 * NODE_ENV=production alone also means production-like, so a server started "for production" never offers persona
 * sign-in as an admin by accident.
 */
export type RunMode = 'dev' | 'production';

export function runMode(env: NodeJS.ProcessEnv, argv: string[]): RunMode {
  const flags = argv.filter((arg) => arg === '--production' || arg === '--dev');
  if (flags.length > 1) throw new Error('--production 和 --dev 只能选一个');
  if (flags[0]) return flags[0] === '--production' ? 'production' : 'dev';
  const given = (env.LIANXIN_MODE ?? '').trim();
  if (given === 'production' || given === 'dev') return given;
  if (given !== '') throw new Error(`LIANXIN_MODE 只能是 dev 或 production，实际 "${given}"`);
  return env.NODE_ENV === 'production' ? 'production' : 'dev';
}

/**
 * Whether `npm start` fires timer triggers on their cron schedule (the default, as WeChat does). LIANXIN_TIMERS=manual
 * leaves them to `POST /api/_dev/timers/<function>` only: browser tests use it so a schedule that happens to fire during
 * a run (the hourly 政治生日 timer, the minutely push worker) never changes what the test sees.
 */
/**
 * The fixed clock `npm start` gives the seed and every function, from LIANXIN_NOW (epoch ms or an ISO time), or null
 * for the wall clock. Browser tests use it so "today" (the seed's political birthdays, staff lists) is a known day
 * whatever the hour they run; dev mode only: a production-like run refuses it rather than serve a stopped clock.
 */
export function fixedClock(env: NodeJS.ProcessEnv, mode: RunMode): number | null {
  const given = (env.LIANXIN_NOW ?? '').trim();
  if (given === '') return null;
  if (mode !== 'dev') throw new Error('LIANXIN_NOW（固定时钟）只用于开发模式的测试，类生产模式不能使用');
  const ms = /^\d+$/.test(given) ? Number(given) : Date.parse(given);
  if (!Number.isFinite(ms)) throw new Error(`LIANXIN_NOW 不是一个时间: "${given}"`);
  return ms;
}

export function timersOnSchedule(env: NodeJS.ProcessEnv): boolean {
  const given = (env.LIANXIN_TIMERS ?? '').trim();
  if (given === '' || given === 'schedule') return true;
  if (given === 'manual') return false;
  throw new Error(`LIANXIN_TIMERS 只能是 schedule 或 manual，实际 "${given}"`);
}
