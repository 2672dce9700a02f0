/**
 * wx.openApi as WeChat answers it, for what Lianxin uses: subscribeMessage.send (with the per-user, per-template
 * one-time credit ledger WeChat keeps, and an outbox of every attempt) and security.msgSecCheck (a word list).
 * Ledger, outbox and check log are an append-only journal under <dataDir>/openapi/, replayed at start.
 */
import { join } from 'node:path';
import { AdminError, RawReply, type AdminCall, type EmulatorModule } from '../protocol';
import { parseEvent, type OpenApiEvent, type OutboxEntry, type SecCheckEntry } from './events';
import { openJournal } from './journal';
import { openApiRoutes } from './routes';
import { checkReply, judge, loadWordFile, requestError, wordMap, type SecCheckWords, type Verdict } from './seccheck';
import { readSendRequest } from './subscribe';
import { WX_OK, wxError, type WxReply } from './wechat';
import { decodeRequest, encodeResponse } from './wire';

export type { OutboxEntry, SecCheckEntry } from './events';
export type { SecCheckWords } from './seccheck';

export interface OpenApiOptions {
  dataDir: string | null;
  /** Words msgSecCheck flags; default: emulator/openapi/sensitive-words.txt. */
  secCheckWords?: SecCheckWords;
  log: (line: string) => void;
}

export interface OutboxFilter {
  openid?: string;
  templateId?: string;
}

export interface OpenApiModule extends EmulatorModule {
  /** What a tap on "allow" in requestSubscribeMessage gives: `count` sends per accepted template (default 1). */
  grantCredits(openid: string, templateIds: string[], count?: number): Promise<void>;
  /** Remaining one-time credits of a user, by template id. */
  credits(openid: string): Record<string, number>;
  /** Every subscribeMessage.send attempt, oldest first, delivered or not. */
  outbox(filter?: OutboxFilter): OutboxEntry[];
  /** Every msgSecCheck call, oldest first. */
  secChecks(): SecCheckEntry[];
}

/** The open-API part of the emulator; durable under <dataDir>/openapi/ when dataDir is set. */
export async function createOpenApi(options: OpenApiOptions): Promise<OpenApiModule> {
  const words = options.secCheckWords ? wordMap(options.secCheckWords) : loadWordFile(join(__dirname, 'sensitive-words.txt'));
  const journal = await openJournal(options.dataDir ? join(options.dataDir, 'openapi', 'events.jsonl') : null, parseEvent);
  const ledger = new Map<string, Map<string, number>>();
  const sent: OutboxEntry[] = [];
  const checks: SecCheckEntry[] = [];

  const apply = (event: OpenApiEvent): void => {
    if (event.kind === 'credit') {
      const mine = ledger.get(event.openid) ?? new Map<string, number>();
      ledger.set(event.openid, mine);
      mine.set(event.templateId, Math.max(0, (mine.get(event.templateId) ?? 0) + event.delta));
    } else if (event.kind === 'send') sent.push(event.entry);
    else checks.push(event.entry);
  };
  journal.replay.forEach(apply);

  // One operation at a time: a send reads the ledger and spends from it, so two sends must not both see the last credit.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(operation: () => Promise<T>): Promise<T> => {
    const run = tail.then(operation, operation);
    tail = run.catch(() => undefined);
    return run;
  };
  /** Appends, then applies: what callers see is only ever what is in the journal. */
  const record = async (events: OpenApiEvent[]): Promise<void> => {
    await journal.append(events);
    events.forEach(apply);
  };
  const creditOf = (openid: string, templateId: string): number => ledger.get(openid)?.get(templateId) ?? 0;

  const subscribeMessageSend = (params: Record<string, unknown>): Promise<WxReply> =>
    serial(async () => {
      const { request, error } = readSendRequest(params);
      const reply = error ?? (creditOf(request.openid, request.templateId) < 1 ? wxError(43101, 'user refuse to accept the msg') : WX_OK);
      const time = new Date().toISOString();
      const { openid, templateId } = request;
      const events: OpenApiEvent[] = [{ kind: 'send', entry: { time, ...request, result: { errcode: reply.errcode, errmsg: reply.errmsg } } }];
      if (reply.errcode === 0) events.unshift({ kind: 'credit', time, openid, templateId, delta: -1 });
      await record(events);
      return reply;
    });

  const msgSecCheck = (params: Record<string, unknown>, caller: AdminCall['caller']): Promise<WxReply> =>
    serial(async () => {
      const version: 1 | 2 = params.version === 2 ? 2 : 1;
      // v1 has no openid parameter: WeChat knows the user from the calling function's context.
      const openid = version === 2 ? (typeof params.openid === 'string' ? params.openid : '') : (caller?.OPENID ?? '');
      const request = { version, openid, scene: typeof params.scene === 'number' ? params.scene : 0, content: typeof params.content === 'string' ? params.content : '' };
      const error = requestError(request);
      let reply: WxReply;
      let verdict: Verdict | null = null;
      if (error) reply = error;
      else {
        verdict = judge(request.content, words);
        reply = checkReply(version, verdict);
      }
      const result = { errcode: reply.errcode, errmsg: reply.errmsg, suggest: verdict?.suggest ?? null, label: verdict?.label ?? null };
      await record([{ kind: 'check', entry: { time: new Date().toISOString(), ...request, result } }]);
      return reply;
    });

  const handlers = {
    'wx.openApi': async (call: AdminCall): Promise<RawReply> => {
      const apiName = typeof call.params.apiName === 'string' ? call.params.apiName : '';
      const bytes = call.files.requestData ?? (typeof call.params.requestData === 'string' ? Buffer.from(call.params.requestData, 'latin1') : null);
      if (!bytes) throw new AdminError('INVALID_PARAM', 'wx.openApi: requestData is missing');
      let params: Record<string, unknown>;
      try {
        params = decodeRequest(bytes);
      } catch (error) {
        throw new AdminError('INVALID_PARAM', `wx.openApi: requestData is not a CommApiData message: ${(error as Error).message}`);
      }
      let body: WxReply;
      if (apiName === 'subscribeMessage.send') body = await subscribeMessageSend(params);
      else if (apiName === 'security.msgSecCheck') body = await msgSecCheck(params, call.caller);
      else throw new AdminError('EMULATOR_ACTION_NOT_IMPLEMENTED', `本地云未实现该开放接口 (open API not implemented by the Lianxin emulator): ${apiName || '(empty apiName)'}`);
      // Any content type but the SDK's JSON-error marker ('application/json; charset=utf-8') means "protobuf follows".
      return new RawReply(encodeResponse(body), 'application/octet-stream');
    },
  };

  const module: OpenApiModule = {
    handlers,
    grantCredits(openid, templateIds, count = 1) {
      if (!openid) return Promise.reject(new Error('grantCredits: openid is required'));
      if (!Number.isInteger(count) || count < 1) return Promise.reject(new Error(`grantCredits: count must be a positive integer, got ${count}`));
      const time = new Date().toISOString();
      return serial(() => record(templateIds.map((templateId) => ({ kind: 'credit', time, openid, templateId, delta: count }))));
    },
    credits: (openid) => Object.fromEntries(ledger.get(openid) ?? []),
    outbox: (filter = {}) =>
      sent.filter((entry) => (!filter.openid || entry.openid === filter.openid) && (!filter.templateId || entry.templateId === filter.templateId)),
    secChecks: () => [...checks],
    route: (req, res, url) => openApiRoutes(module, req, res, url),
    close: () => tail.then(() => undefined),
  };
  return module;
}
