/**
 * wx.openApi as WeChat answers it, for what Lianxin uses: subscribeMessage.send (with the per-user, per-template
 * one-time credit ledger WeChat keeps, and an outbox of every attempt), security.msgSecCheck (a word list) and
 * wxacode.getUnlimited (a plain QR code standing in for WeChat's round mini-program code; see wxacode.ts).
 * Ledger, outbox, check log and code log are an append-only journal under <dataDir>/openapi/, replayed at start.
 */
import { join } from 'node:path';
import { AdminError, RawReply, type AdminCall, type EmulatorModule } from '../protocol';
import { loadAppPages } from './app-pages';
import { parseEvent, type OpenApiEvent, type OutboxEntry, type SecCheckEntry, type WxacodeEntry } from './events';
import { openJournal } from './journal';
import { openApiRoutes } from './routes';
import { checkReply, judge, loadWordFile, requestError, wordMap, type SecCheckWords, type Verdict } from './seccheck';
import { createSendFaults, FAULT_MESSAGES, sendFaultsFromEnv, type ScriptedFault, type SendFaultSettings } from './send-faults';
import { readSendRequest } from './subscribe';
import { WX_OK, wxError, type WxReply } from './wechat';
import { decodeRequest, encodeBytes, encodeResponse } from './wire';
import { codeContent, drawCode, readWxacodeRequest } from './wxacode';

export type { OutboxEntry, SecCheckEntry, WxacodeEntry } from './events';
export type { SecCheckWords } from './seccheck';
export type { ScriptedFault, SendFaultSettings } from './send-faults';

export interface OpenApiOptions {
  dataDir: string | null;
  /** Words msgSecCheck flags; default: emulator/openapi/sensitive-words.txt. */
  secCheckWords?: SecCheckWords;
  /**
   * Pages of the published mini-program, for wxacode's page check (the first is the home page); default: the weapp
   * pages and subpackage pages of src/app.config.ts.
   */
  pages?: string[];
  /** subscribeMessage.send latency and injected failures; default: LIANXIN_SUBSCRIBE_* of the environment, else none. */
  sendFaults?: Partial<SendFaultSettings>;
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
  /** Sets subscribeMessage.send's latency, error shares and seed (unset fields keep their value); answers the settings. */
  configureSend(settings: Partial<SendFaultSettings>): SendFaultSettings;
  /** Makes the next sends (to an openid, or any) fail with these errcodes, in order. */
  scriptSendErrors(faults: ScriptedFault[]): void;
  /** Every msgSecCheck call, oldest first. */
  secChecks(): SecCheckEntry[];
  /** Every wxacode.getUnlimited call, oldest first, drawn or refused. */
  wxacodes(): WxacodeEntry[];
}

/** The open-API part of the emulator; durable under <dataDir>/openapi/ when dataDir is set. */
export async function createOpenApi(options: OpenApiOptions): Promise<OpenApiModule> {
  const words = options.secCheckWords ? wordMap(options.secCheckWords) : loadWordFile(join(__dirname, 'sensitive-words.txt'));
  const journal = await openJournal(options.dataDir ? join(options.dataDir, 'openapi', 'events.jsonl') : null, parseEvent);
  const ledger = new Map<string, Map<string, number>>();
  const sent: OutboxEntry[] = [];
  const checks: SecCheckEntry[] = [];
  const codes: WxacodeEntry[] = [];
  // Read on first use: most emulator starts (every test cloud) never draw a code.
  let pages = options.pages ?? null;
  const appPages = (): string[] => (pages ??= loadAppPages());

  const apply = (event: OpenApiEvent): void => {
    if (event.kind === 'credit') {
      const mine = ledger.get(event.openid) ?? new Map<string, number>();
      ledger.set(event.openid, mine);
      mine.set(event.templateId, Math.max(0, (mine.get(event.templateId) ?? 0) + event.delta));
    } else if (event.kind === 'send') sent.push(event.entry);
    else if (event.kind === 'check') checks.push(event.entry);
    else codes.push(event.entry);
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
  const faults = createSendFaults(options.sendFaults ?? sendFaultsFromEnv());

  const subscribeMessageSend = async (params: Record<string, unknown>): Promise<WxReply> => {
    // Network and WeChat's own time pass concurrently for concurrent sends; only the ledger step is one at a time.
    await faults.delay();
    return serial(async () => {
      const { request, error } = readSendRequest(params);
      const injected = error ? null : faults.draw(request.openid);
      const reply =
        error ??
        (injected !== null
          ? wxError(injected, FAULT_MESSAGES[injected] ?? 'system error')
          : creditOf(request.openid, request.templateId) < 1
            ? wxError(43101, 'user refuse to accept the msg')
            : WX_OK);
      const time = new Date().toISOString();
      const { openid, templateId } = request;
      const events: OpenApiEvent[] = [{ kind: 'send', entry: { time, ...request, result: { errcode: reply.errcode, errmsg: reply.errmsg } } }];
      if (reply.errcode === 0) events.unshift({ kind: 'credit', time, openid, templateId, delta: -1 });
      await record(events);
      return reply;
    });
  };

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

  /** The image (CommOpenApiResp bytes) or WeChat's JSON error; drawn outside `serial`, recorded inside it. */
  const getUnlimited = async (params: Record<string, unknown>): Promise<Buffer> => {
    const { request, error } = readWxacodeRequest(params, appPages);
    const image = error ? null : await drawCode(request);
    const reply = error ?? WX_OK;
    const { scene, page, checkPath, envVersion, width } = request;
    const entry = { time: new Date().toISOString(), scene, page, checkPath, envVersion, width, content: image ? codeContent(page, scene) : null };
    await serial(() => record([{ kind: 'wxacode', entry: { ...entry, result: { errcode: reply.errcode, errmsg: reply.errmsg } } }]));
    return image ? encodeBytes(image, 'image/png') : encodeResponse(reply);
  };

  // Each API answers the CommOpenApiResp bytes the SDK decodes.
  const apis: Record<string, (params: Record<string, unknown>, caller: AdminCall['caller']) => Promise<Buffer>> = {
    'subscribeMessage.send': async (params) => encodeResponse(await subscribeMessageSend(params)),
    'security.msgSecCheck': async (params, caller) => encodeResponse(await msgSecCheck(params, caller)),
    'wxacode.getUnlimited': getUnlimited,
  };

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
      const api = Object.prototype.hasOwnProperty.call(apis, apiName) ? apis[apiName] : undefined;
      if (!api) throw new AdminError('EMULATOR_ACTION_NOT_IMPLEMENTED', `本地云未实现该开放接口 (open API not implemented by the Lianxin emulator): ${apiName || '(empty apiName)'}`);
      // Any content type but the SDK's JSON-error marker ('application/json; charset=utf-8') means "protobuf follows".
      return new RawReply(await api(params, call.caller), 'application/octet-stream');
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
    configureSend: (settings) => faults.configure(settings),
    scriptSendErrors: (list) => faults.script(list),
    outbox: (filter = {}) =>
      sent.filter((entry) => (!filter.openid || entry.openid === filter.openid) && (!filter.templateId || entry.templateId === filter.templateId)),
    secChecks: () => [...checks],
    wxacodes: () => [...codes],
    route: (req, res, url) => openApiRoutes(module, req, res, url),
    close: () => tail.then(() => undefined),
  };
  return module;
}
