/**
 * wx.openApi as WeChat answers it, for what Lianxin uses: subscribeMessage.send (with the per-user, per-template
 * one-time credit ledger WeChat keeps, and an outbox of every attempt) and security.msgSecCheck (a word list).
 * Ledger, outbox and checks are append-only JSON lines under <dataDir>/openapi/, replayed at start.
 */
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { AdminError, RawReply, type AdminCall, type EmulatorModule } from '../protocol';
import { decodeRequest, encodeResponse } from './wire';

export interface OpenApiOptions {
  dataDir: string | null;
  /** Words msgSecCheck flags (word → label); default: emulator/openapi/sensitive-words.txt. */
  secCheckWords?: Record<string, number>;
  log: (line: string) => void;
}

export interface OutboxEntry {
  at: string;
  openid: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  /** 0 when sent, otherwise WeChat's errcode (43101 no credit, 47003 bad data, ...). */
  errcode: number;
}

export interface SecCheckEntry {
  at: string;
  openid: string;
  scene: number;
  content: string;
  suggest: 'pass' | 'risky';
  label: number;
}

export interface OpenApiModule extends EmulatorModule {
  /** What the user's tap on "allow" in requestSubscribeMessage gives: one send per template per acceptance. */
  grantCredits(openid: string, templateIds: string[], count?: number): Promise<void>;
  credits(openid: string): Record<string, number>;
  outbox(filter?: { openid?: string; templateId?: string }): OutboxEntry[];
  secChecks(): SecCheckEntry[];
}

type LedgerEvent = { kind: 'credit'; at: string; openid: string; templateId: string; delta: number };
type Logged = LedgerEvent | ({ kind: 'send' } & OutboxEntry) | ({ kind: 'check' } & SecCheckEntry);

/** WeChat's field-length limits for subscribe-message values, by the key's type prefix. */
const FIELD_LIMITS: Record<string, number> = { thing: 20, phrase: 5, name: 10, character_string: 32, number: 32, letter: 32, symbol: 5, car_number: 8, phone_number: 17, amount: 32 };

export async function createOpenApi(options: OpenApiOptions): Promise<OpenApiModule> {
  const words = options.secCheckWords ?? loadWordList(join(__dirname, 'sensitive-words.txt'));
  const file = options.dataDir ? join(options.dataDir, 'openapi', 'events.jsonl') : null;
  const ledger = new Map<string, Map<string, number>>();
  const sent: OutboxEntry[] = [];
  const checks: SecCheckEntry[] = [];

  const apply = (event: Logged): void => {
    if (event.kind === 'credit') {
      const mine = ledger.get(event.openid) ?? new Map<string, number>();
      ledger.set(event.openid, mine);
      mine.set(event.templateId, Math.max(0, (mine.get(event.templateId) ?? 0) + event.delta));
    } else if (event.kind === 'send') {
      const { kind: _kind, ...entry } = event;
      sent.push(entry);
    } else {
      const { kind: _kind, ...entry } = event;
      checks.push(entry);
    }
  };
  if (file && existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) if (line.trim()) apply(JSON.parse(line) as Logged);
  }
  if (file) await mkdir(join(options.dataDir!, 'openapi'), { recursive: true });

  /** Appends, then applies: a recorded credit or send is acknowledged only once it is on disk. */
  let queue: Promise<unknown> = Promise.resolve();
  const record = (events: Logged[]): Promise<void> => {
    const write = async (): Promise<void> => {
      if (file) await appendFile(file, events.map((event) => `${JSON.stringify(event)}\n`).join(''));
      events.forEach(apply);
    };
    const run = queue.then(write, write);
    queue = run.catch(() => undefined);
    return run;
  };
  const creditOf = (openid: string, templateId: string): number => ledger.get(openid)?.get(templateId) ?? 0;

  async function subscribeMessageSend(params: Record<string, unknown>): Promise<object> {
    const openid = typeof params.touser === 'string' ? params.touser : '';
    const templateId = typeof params.template_id === 'string' ? params.template_id : '';
    const data = (typeof params.data === 'object' && params.data !== null ? params.data : {}) as Record<string, { value: string }>;
    const entry: OutboxEntry = { at: new Date().toISOString(), openid, templateId, page: typeof params.page === 'string' ? params.page : '', data, errcode: 0 };
    let reply: { errcode: number; errmsg: string };
    if (!openid) reply = { errcode: 40003, errmsg: 'invalid openid' };
    else if (!templateId) reply = { errcode: 40037, errmsg: 'invalid template_id' };
    else {
      const bad = invalidField(data);
      if (bad) reply = { errcode: 47003, errmsg: `argument invalid! data.${bad}.value invalid` };
      else if (creditOf(openid, templateId) < 1) reply = { errcode: 43101, errmsg: 'user refuse to accept the msg' };
      else reply = { errcode: 0, errmsg: 'ok' };
    }
    entry.errcode = reply.errcode;
    const events: Logged[] = [{ kind: 'send', ...entry }];
    if (reply.errcode === 0) events.unshift({ kind: 'credit', at: entry.at, openid, templateId, delta: -1 });
    await record(events);
    return withTrace(reply);
  }

  async function msgSecCheck(params: Record<string, unknown>, caller: AdminCall['caller']): Promise<object> {
    const content = typeof params.content === 'string' ? params.content : '';
    if (!content) return withTrace({ errcode: 47001, errmsg: 'data format error: content is required' });
    const hit = Object.entries(words).find(([word]) => content.includes(word));
    const version = params.version === 2 ? 2 : 1;
    const openid = version === 2 ? (typeof params.openid === 'string' ? params.openid : '') : (caller?.OPENID ?? '');
    if (version === 2) {
      if (!openid) return withTrace({ errcode: 40003, errmsg: 'invalid openid' });
      if (![1, 2, 3, 4].includes(params.scene as number)) return withTrace({ errcode: 47001, errmsg: 'data format error: scene must be 1-4' });
    }
    const suggest = hit ? 'risky' : 'pass';
    const label = hit ? hit[1] : 100;
    await record([{ kind: 'check', at: new Date().toISOString(), openid, scene: Number(params.scene ?? 0), content, suggest, label }]);
    // v1 answers only an errcode: 87014 for risky content.
    if (version === 1) return withTrace(hit ? { errcode: 87014, errmsg: 'risky content' } : { errcode: 0, errmsg: 'ok' });
    return withTrace({
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [{ strategy: 'keyword', errcode: 0, suggest, label, ...(hit ? { keyword: hit[0] } : {}) }],
    });
  }

  const handlers = {
    'wx.openApi': async (call: AdminCall) => {
      const apiName = typeof call.params.apiName === 'string' ? call.params.apiName : '';
      const bytes = call.files.requestData ?? (typeof call.params.requestData === 'string' ? Buffer.from(call.params.requestData, 'latin1') : null);
      if (!bytes) throw new AdminError('INVALID_PARAM', 'wx.openApi: requestData is missing');
      let params: Record<string, unknown>;
      try {
        params = decodeRequest(bytes);
      } catch (error) {
        throw new AdminError('INVALID_PARAM', `wx.openApi: requestData is not a CommApiData message: ${(error as Error).message}`);
      }
      let body: object;
      if (apiName === 'subscribeMessage.send') body = await subscribeMessageSend(params);
      else if (apiName === 'security.msgSecCheck') body = await msgSecCheck(params, call.caller);
      else throw new AdminError('EMULATOR_ACTION_NOT_IMPLEMENTED', `本地云未实现该开放接口 (open API not implemented by the Lianxin emulator): ${apiName || '(empty apiName)'}`);
      return new RawReply(encodeResponse(body), 'application/octet-stream');
    },
  };

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname !== '/_emulator/outbox' || req.method !== 'GET') return false;
    const openid = url.searchParams.get('openid') ?? undefined;
    const text = JSON.stringify({ outbox: sent.filter((entry) => !openid || entry.openid === openid) });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(text);
    return true;
  }

  return {
    handlers,
    route,
    async grantCredits(openid, templateIds, count = 1) {
      const at = new Date().toISOString();
      await record(templateIds.map((templateId) => ({ kind: 'credit', at, openid, templateId, delta: count })));
    },
    credits: (openid) => Object.fromEntries(ledger.get(openid) ?? []),
    outbox: (filter = {}) =>
      sent.filter((entry) => (!filter.openid || entry.openid === filter.openid) && (!filter.templateId || entry.templateId === filter.templateId)),
    secChecks: () => [...checks],
    close: () => queue.then(() => undefined),
  };
}

function withTrace(body: object): object {
  return { ...body, trace_id: randomBytes(8).toString('hex') };
}

/** The first field whose value breaks WeChat's limit for its type, e.g. "thing1"; null when all are fine. */
function invalidField(data: Record<string, { value: string }>): string | null {
  for (const [key, field] of Object.entries(data)) {
    const value = typeof field?.value === 'string' ? field.value : null;
    if (value === null) return key;
    const type = key.replace(/\d+$/, '');
    const limit = FIELD_LIMITS[type];
    if (limit !== undefined && [...value].length > limit) return key;
  }
  return null;
}

function loadWordList(path: string): Record<string, number> {
  const words: Record<string, number> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const [word, label] = trimmed.split(/\s+/);
    words[word] = Number(label ?? 21000);
  }
  return words;
}
