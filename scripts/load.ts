/**
 * `npm run load`: the local gateway under load, then a crash in the middle of it.
 *  1. Load: virtual users (each a browser: /api/_wx/login, then calls with its cookie) run a mix of 20% submit
 *     (case.submit), 40% list (case.mine) and 40% read (case.get of their own case) at rising concurrency, each level
 *     for a fixed time, loopback only; per level: throughput, p50/p95 latency, errors.
 *  2. Durability: a submit load, then kill -9 of the local cloud while submits are in flight; a restart on the same
 *     data folder; every submit is sent again (what a client does after a failure). Reports acknowledged submits lost
 *     (acknowledged before the kill, absent after) and duplicated (one request id stored twice) — both must be 0.
 *  3. Timers: after the restart, the next morning's 限时办结 run (with its 新意见日报) fired twice at once and once
 *     late: the later fires add no inbox entry; then a timer that does send WeChat messages: 李明 (who allowed the
 *     notice message) has his 政治生日 on the seed day, and that day's birthday run and the push worker each fire
 *     twice at once and once late: he gets exactly one WeChat message, and no message is ever sent twice.
 * Exits 1 when anything is lost, duplicated or sent twice, or when the run passes its time limit (180 s + 10 s per
 * second of a level). Loopback only (the server listens on 127.0.0.1). `npm run load -- --seconds 3` shortens each level.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as sdk from 'wx-server-sdk';
import { rememberCredentials, sdkEnvironment } from '../emulator/sdk-environment';
import { chinaDate, chinaInstant, DAY_MS } from '../src/shared/calendar/dates';
import { buildCloudFunctions } from './build-cloud';

const ROOT = resolve(__dirname, '..');
const LEVELS = [1, 4, 16, 32];

interface Server {
  child: ChildProcess;
  url: string;
}

function startServer(dataDir: string, functionsRoot: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/load/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LIANXIN_DATA: dataDir, LIANXIN_FUNCTIONS: functionsRoot },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  return new Promise((resolvePromise, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const match = /load-server (\S+) (\S+) (\S+)/.exec(printed);
      if (match) {
        rememberCredentials(`${match[1]}admin`, { secretId: match[2], secretKey: match[3] });
        resolvePromise({ child, url: match[1] });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`load server exited (${code}):\n${printed}`)));
  });
}

function killHard(server: Server): Promise<void> {
  return new Promise((resolvePromise) => {
    server.child.removeAllListeners('exit');
    server.child.once('exit', () => resolvePromise());
    server.child.kill('SIGKILL');
  });
}

/** One browser: its identity cookie, its submits (≤ 4 per identity: a resident may submit 5 an hour). */
class VirtualUser {
  private cookie = '';
  private submits = 0;
  caseIds: string[] = [];

  constructor(private readonly base: string) {}

  async call(fn: string, body: unknown): Promise<{ status: number; json: { ok?: boolean; data?: Record<string, unknown>; error?: { code: string } } }> {
    if (!this.cookie) await this.login();
    const response = await fetch(`${this.base}api/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: this.cookie }, body: JSON.stringify(body) });
    const renewed = response.headers.get('set-cookie');
    if (renewed) this.cookie = renewed.split(';')[0];
    return { status: response.status, json: (await response.json()) as { ok?: boolean } };
  }

  async login(): Promise<void> {
    const response = await fetch(`${this.base}api/_wx/login`, { method: 'POST' });
    await response.text();
    this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
    this.submits = 0;
    this.caseIds = [];
  }

  async submit(requestId: string): Promise<{ ok: boolean; id?: string; status: number; code?: string }> {
    if (this.submits >= 4) await this.login();
    this.submits += 1;
    const reply = await this.call('case', { action: 'submit', payload: submission(requestId) });
    const id = reply.json.ok ? String(reply.json.data?.id) : undefined;
    if (id) this.caseIds.push(id);
    return { ok: reply.json.ok === true, id, status: reply.status, code: reply.json.error?.code };
  }

  get identity(): string {
    return this.cookie;
  }
}

function submission(requestId: string): Record<string, unknown> {
  return {
    requestId,
    studioId: 'studio-donghu',
    category: 'help',
    title: '小区路灯不亮',
    content: `幸福小区门口的路灯坏了，晚上很黑，老人出门不方便（${requestId}）。`,
    photos: [],
    contactVisibleToDeputy: false,
  };
}

/** One submit with a given identity cookie (a retry must come from the same person). */
async function submitAs(base: string, cookie: string, requestId: string): Promise<{ ok?: boolean; data?: Record<string, unknown> }> {
  const response = await fetch(`${base}api/case`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ action: 'submit', payload: submission(requestId) }),
  });
  return (await response.json()) as { ok?: boolean; data?: Record<string, unknown> };
}

const LI_MING = 'o_demo_member';
/** The local notice template (LIANXIN_TEMPLATE_NOTICE unset): what the 政治生日 greeting is sent with. */
const NOTICE_TEMPLATE = 'tmpl-notice';

/** A dev persona's identity cookie (`npm start`'s 切换演示身份). */
async function personaCookie(base: string, persona: string): Promise<string> {
  const response = await fetch(`${base}api/_dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona }) });
  await response.text();
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

async function postAs(base: string, route: string, cookie: string, body: unknown): Promise<void> {
  const response = await fetch(`${base}api/${route}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
  const reply = (await response.json()) as { ok?: boolean; error?: unknown };
  if (!reply.ok) throw new Error(`${route} refused: ${JSON.stringify(reply.error)}`);
}

/** The seed's day (China date): 李明's 政治生日 in the demo data; his roster entry holds the month-day. */
async function seedDayOf(db: ReturnType<typeof sdk.database>): Promise<string> {
  const { data } = (await db.collection('roster').doc('roster-01').get()) as unknown as { data: { joinedMonthDay?: string } | Array<{ joinedMonthDay?: string }> };
  const doc = Array.isArray(data) ? data[0] : data;
  const monthDay = doc?.joinedMonthDay;
  if (!monthDay) throw new Error('the demo roster has no 政治生日 for 李明');
  const today = chinaDate(Date.now());
  const thisYear = Number(today.slice(0, 4));
  // The seed ran today or, for an older data folder, earlier this year (or late last year).
  return `${`${thisYear}-${monthDay}` > today ? thisYear - 1 : thisYear}-${monthDay}`;
}

const percentile = (sorted: number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0);

async function loadLevel(base: string, concurrency: number, seconds: number, tag: string): Promise<string> {
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  const until = Date.now() + seconds * 1000;
  let sequence = 0;
  const worker = async (index: number): Promise<void> => {
    const user = new VirtualUser(base);
    while (Date.now() < until) {
      const roll = Math.random();
      const started = performance.now();
      let ok: boolean;
      let problem = '';
      try {
        if (roll < 0.2) {
          const reply = await user.submit(`load-${tag}-${index}-${(sequence += 1)}`);
          ok = reply.ok;
          problem = reply.code ?? String(reply.status);
        } else if (roll < 0.6 || user.caseIds.length === 0) {
          const reply = await user.call('case', { action: 'mine', payload: { offset: 0, limit: 20 } });
          ok = reply.json.ok === true;
          problem = reply.json.error?.code ?? String(reply.status);
        } else {
          const reply = await user.call('case', { action: 'get', payload: { id: user.caseIds[user.caseIds.length - 1] } });
          ok = reply.json.ok === true;
          problem = reply.json.error?.code ?? String(reply.status);
        }
      } catch (error) {
        ok = false;
        problem = (error as Error).message;
      }
      latencies.push(performance.now() - started);
      if (!ok) errors.set(problem, (errors.get(problem) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
  latencies.sort((a, b) => a - b);
  const failed = [...errors.values()].reduce((a, b) => a + b, 0);
  const detail = failed ? ` (${[...errors].map(([code, n]) => `${code} ${n}`).join(', ')})` : '';
  return `concurrency ${String(concurrency).padStart(3)}: ${(latencies.length / seconds).toFixed(0).padStart(5)} req/s  p50 ${percentile(latencies, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(latencies, 95).toFixed(1).padStart(6)} ms  errors ${failed}/${latencies.length}${detail}`;
}

async function main(argv: string[]): Promise<number> {
  const secondsAt = argv.indexOf('--seconds');
  const seconds = secondsAt >= 0 ? Number(argv[secondsAt + 1]) || 5 : 5;
  const cache = join(ROOT, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(cache, 'lianxin-load-'));
  const functionsRoot = join(work, 'functions');
  const dataDir = join(work, 'data');
  await buildCloudFunctions({ outDir: functionsRoot, log: () => undefined });
  let server = await startServer(dataDir, functionsRoot);
  // Bounded in time: a hung server or request ends the run (exit 1) instead of holding it open.
  const limitSeconds = 180 + 10 * seconds;
  const watchdog = setTimeout(() => {
    console.error(`npm run load: stopped after ${limitSeconds} s (its time limit)`);
    server.child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
    process.exit(1);
  }, limitSeconds * 1000);
  watchdog.unref();
  let failed = false;
  try {
    console.log(`npm run load: ${server.url} (durable store ${dataDir}), ${seconds} s per level, mix 20% submit / 40% list / 40% read`);
    // Warm-up (not reported): start the function workers the mix uses, as a running server has them.
    await loadLevel(server.url, 8, Math.min(2, seconds), 'warm');
    for (const level of LEVELS) console.log(await loadLevel(server.url, level, seconds, `l${level}`));

    // Durability: acknowledged submits survive kill -9; a retry after the restart never stores one twice.
    const acked = new Map<string, string>();
    const sent: Array<{ cookie: string; requestId: string }> = [];
    let stop = false;
    const submitter = async (index: number): Promise<void> => {
      const user = new VirtualUser(server.url);
      for (let n = 0; !stop; n += 1) {
        const requestId = `crash-${index}-${n}`;
        try {
          // A new person every 4 submits: a resident may submit 5 an hour.
          if (n % 4 === 0) await user.login();
          sent.push({ cookie: user.identity, requestId });
          const reply = await submitAs(server.url, user.identity, requestId);
          if (reply.ok) acked.set(`${user.identity}|${requestId}`, String(reply.data?.id));
        } catch {
          return; // the server is gone
        }
      }
    };
    const running = Promise.all(Array.from({ length: 16 }, (_, i) => submitter(i)));
    await new Promise((resolveWait) => setTimeout(resolveWait, Math.min(3, seconds) * 1000));
    await killHard(server);
    stop = true;
    await running;
    console.log(`\nkill -9 during a submit load: ${acked.size} submits acknowledged, ${sent.length - acked.size} in flight or refused`);
    server = await startServer(dataDir, functionsRoot);
    // Every submit again, as a client retries after an error: the acknowledged ones must answer their first id.
    let changed = 0;
    for (const { cookie, requestId } of sent) {
      const reply = await submitAs(server.url, cookie, requestId);
      const before = acked.get(`${cookie}|${requestId}`);
      if (before && reply.data?.id !== before) changed += 1;
    }
    Object.assign(process.env, sdkEnvironment(`${server.url}admin`), { TCB_ENV: 'lianxin-local' });
    sdk.init({ env: 'lianxin-local' });
    const db = sdk.database();
    const ids = [...acked.values()];
    let found = 0;
    for (let i = 0; i < ids.length; i += 100) {
      const page = (await db.collection('cases').where({ _id: db.command.in(ids.slice(i, i + 100)) }).field({ _id: true }).limit(100).get()) as { data: unknown[] };
      found += page.data.length;
    }
    const requestIds = [...new Set(sent.map((entry) => entry.requestId))];
    const counts = new Map<string, number>();
    for (let i = 0; i < requestIds.length; i += 100) {
      const page = (await db.collection('cases').where({ requestId: db.command.in(requestIds.slice(i, i + 100)) }).field({ requestId: true, reporterOpenid: true }).limit(1000).get()) as unknown as {
        data: Array<{ requestId: string; reporterOpenid: string }>;
      };
      for (const doc of page.data) counts.set(`${doc.reporterOpenid}|${doc.requestId}`, (counts.get(`${doc.reporterOpenid}|${doc.requestId}`) ?? 0) + 1);
    }
    const duplicated = [...counts.values()].filter((n) => n > 1).length;
    const lost = ids.length - found;
    console.log(`after restart: acknowledged submits lost ${lost}, duplicated ${duplicated}, answered another id on retry ${changed}`);
    if (lost || duplicated || changed) failed = true;

    // Timers: the next morning's 限时办结 run (with its 新意见日报 of today's submits) fired twice at once, then once
    // late: the second and third fires add nothing and send nothing twice.
    const morning = new Date(Date.now() + DAY_MS);
    morning.setUTCHours(0, 30, 0, 0);
    const dev = async (at: Date): Promise<unknown> =>
      (await fetch(`${server.url}api/_dev/timers/case`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ at: at.toISOString() }) })).json();
    const inbox = async (): Promise<number> => ((await db.collection('inbox').count()) as { total: number }).total;
    const before = await inbox();
    await Promise.all([dev(morning), dev(morning)]);
    const afterTwo = await inbox();
    await dev(new Date(morning.getTime() + 3 * 3600_000));
    const afterLate = await inbox();
    console.log(`timers: inbox entries ${before} → ${afterTwo} after two fires at once → ${afterLate} after a late fire`);
    if (afterLate !== afterTwo) failed = true;

    // A timer that sends: 李明 accepts the notice message as the mini-program does (sign-in as him, the subscribe
    // prompt, the record), then his 政治生日 run (the seed day, 10:00 China time) and the push worker that sends it
    // each fire twice at once and once late. He must get exactly one WeChat message: not none (so the check is not
    // empty), not two.
    const liMing = await personaCookie(server.url, 'member');
    await postAs(server.url, '_wx/subscribe', liMing, { accepted: [NOTICE_TEMPLATE] });
    await postAs(server.url, 'inbox', liMing, { action: 'recordSubscription', payload: { accepted: [NOTICE_TEMPLATE] } });
    const seedDay = await seedDayOf(db);
    const birthdayAt = new Date(chinaInstant(seedDay, 10));
    const fire = (fn: string, at: Date): Promise<unknown> =>
      fetch(`${server.url}api/_dev/timers/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ at: at.toISOString() }) }).then((r) => r.json());
    const minutes = (n: number): Date => new Date(birthdayAt.getTime() + n * 60_000);
    await Promise.all([fire('birthday', birthdayAt), fire('birthday', birthdayAt)]);
    await Promise.all([fire('push', minutes(1)), fire('push', minutes(1))]);
    await fire('birthday', minutes(5 * 60));
    await Promise.all([fire('push', minutes(5 * 60 + 1)), fire('push', minutes(5 * 60 + 1))]);
    await fire('push', minutes(9 * 60));
    const tool = (await fetch(`${server.url}_emulator/outbox`, { headers: { authorization: `Bearer ${process.env.TENCENTCLOUD_SECRETKEY ?? ''}` } }).then((r) => r.json())) as {
      outbox: Array<{ openid: string; templateId: string; data: unknown; result: { errcode: number } }>;
    };
    const delivered = tool.outbox.filter((entry) => entry.result.errcode === 0);
    const toLiMing = delivered.filter((entry) => entry.openid === LI_MING && entry.templateId === NOTICE_TEMPLATE).length;
    console.log(`timers: 政治生日 run and push worker each fired twice at once and late: WeChat messages to 李明 ${toLiMing} (must be 1)`);
    if (toLiMing !== 1) failed = true;
    const sentKeys = delivered.map((entry) => `${entry.openid}|${entry.templateId}|${JSON.stringify(entry.data)}`);
    const twice = sentKeys.length - new Set(sentKeys).size;
    console.log(`timers: ${sentKeys.length} WeChat messages sent in all, sent twice ${twice}`);
    if (twice) failed = true;
  } finally {
    await killHard(server).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
  console.log(failed ? '\nFAILED' : '\nok: nothing lost, nothing duplicated, nothing sent twice');
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
