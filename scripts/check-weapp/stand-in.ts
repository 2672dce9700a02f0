/**
 * The `wx` a page meets in check:weapp's render: miniprogram-simulate's mock API underneath, with WeChat's own rules
 * where our pages depend on them — navigation (navigateTo refuses tab pages, switchTab refuses the others and a query,
 * every target must be a page of app.json), storage that keeps what is set, a selector query that answers, and a cloud
 * whose callFunction validates the payload with the action's contract and answers from the canned replies.
 */
import { AppError } from '../../src/shared/errors';
import { parseInput } from '../../src/shared/contract';
import { cannedReply, contractOf } from './replies';

export interface Navigation {
  method: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch';
  url: string;
}

/** What the page did to the outside world while it rendered (and after the tap). */
export interface RenderRecord {
  calls: string[];
  /** `<fn>.<action>` the page called that replies.ts has no answer for. */
  missing: string[];
  /** Calls whose payload the contract refused, or that named no contract. */
  refused: string[];
  navigations: Navigation[];
  /** Navigations WeChat would refuse, with its errMsg. */
  refusedNavigations: string[];
  pending: number;
}

export interface StandInOptions {
  pages: string[];
  tabPages: string[];
}

type Callbacks = { success?: (result: unknown) => void; fail?: (error: unknown) => void; complete?: (result: unknown) => void };

/** Answers like a wx async API: callbacks when given, otherwise a promise. */
function settle<T>(options: Callbacks | undefined, work: () => Promise<T>): Promise<T> | undefined {
  const run = work();
  if (!options || (!options.success && !options.fail && !options.complete)) return run;
  run.then(
    (result) => {
      options.success?.(result);
      options.complete?.(result);
    },
    (error: unknown) => {
      options.fail?.(error);
      options.complete?.(error);
    },
  );
  return undefined;
}

const later = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function createStandIn({ pages, tabPages }: StandInOptions): { wx: Record<string, unknown>; record: RenderRecord } {
  const record: RenderRecord = { calls: [], missing: [], refused: [], navigations: [], refusedNavigations: [], pending: 0 };
  const storage = new Map<string, unknown>();

  const navigate = (method: Navigation['method']) => (options: Callbacks & { url?: string }) =>
    settle(options, async () => {
      await later();
      const url = String(options.url ?? '');
      const [path, query] = url.replace(/^\//, '').split('?');
      let refusal: string | null = null;
      if (!url.startsWith('/')) refusal = `${method}:fail url "${url}" is not an absolute page path`;
      else if (!pages.includes(path)) refusal = `${method}:fail page "${path}" is not found`;
      else if (method === 'switchTab' && !tabPages.includes(path)) refusal = `switchTab:fail can not switch to no-tabBar page "${path}"`;
      else if (method === 'switchTab' && query) refusal = `switchTab:fail url "${url}" carries a query, which switchTab drops`;
      else if ((method === 'navigateTo' || method === 'redirectTo') && tabPages.includes(path)) refusal = `${method}:fail can not ${method} a tabbar page`;
      if (refusal) {
        record.refusedNavigations.push(refusal);
        throw { errMsg: refusal };
      }
      record.navigations.push({ method, url });
      return { errMsg: `${method}:ok` };
    });

  const rect = { id: '', dataset: {}, left: 0, right: 375, top: 0, bottom: 40, width: 375, height: 40, scrollLeft: 0, scrollTop: 0, scrollWidth: 375, scrollHeight: 40 };
  const selectorQuery = () => {
    const results: unknown[] = [];
    let all = false;
    const query = {
      in: () => query,
      select: () => ((all = false), query),
      selectAll: () => ((all = true), query),
      selectViewport: () => ((all = false), query),
      boundingClientRect: (callback?: (value: unknown) => void) => (results.push(all ? [rect] : rect), callback?.(all ? [rect] : rect), query),
      scrollOffset: (callback?: (value: unknown) => void) => (results.push(rect), callback?.(rect), query),
      fields: (_fields: unknown, callback?: (value: unknown) => void) => (results.push(rect), callback?.(rect), query),
      node: (callback?: (value: unknown) => void) => (results.push({ node: null }), callback?.({ node: null }), query),
      exec: (callback?: (value: unknown[]) => void) => void later().then(() => callback?.(results)),
    };
    return query;
  };

  const callFunction = (options: Callbacks & { name?: string; data?: { action?: string; payload?: unknown } }) =>
    settle(options, async () => {
      const fn = String(options.name ?? '');
      const action = String(options.data?.action ?? '');
      const name = `${fn}.${action}`;
      record.calls.push(name);
      record.pending += 1;
      try {
        await later();
        const contract = contractOf(fn, action);
        if (!contract) {
          record.refused.push(`${name}: no such contract in src/shared/contracts`);
          return { result: { ok: false, error: { code: 'CHECK.NO_CONTRACT', message: `没有 ${name} 这个接口` } } };
        }
        let payload: unknown;
        try {
          payload = parseInput(contract, options.data?.payload);
        } catch (error) {
          const detail = error instanceof AppError ? `${error.message} ${JSON.stringify(error.details ?? {})}` : String(error);
          record.refused.push(`${name}: the contract refuses the payload ${JSON.stringify(options.data?.payload)} (${detail})`);
          return { result: { ok: false, error: { code: 'INPUT.INVALID', message: detail } } };
        }
        const data = cannedReply(fn, action, payload);
        if (data === undefined) {
          record.missing.push(name);
          return { result: { ok: false, error: { code: 'CHECK.NO_CANNED_REPLY', message: `检查用云函数没有 ${name} 的答复` } } };
        }
        return { result: { ok: true, data: structuredClone(data) } };
      } finally {
        record.pending -= 1;
      }
    });

  const wx: Record<string, unknown> = {
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    switchTab: navigate('switchTab'),
    reLaunch: navigate('reLaunch'),
    navigateBack: (options?: Callbacks) => settle(options, async () => ({ errMsg: 'navigateBack:ok' })),
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    getStorage: (options: Callbacks & { key: string }) =>
      settle(options, async () => {
        if (!storage.has(options.key)) throw { errMsg: 'getStorage:fail data not found' };
        return { data: storage.get(options.key), errMsg: 'getStorage:ok' };
      }),
    setStorage: (options: Callbacks & { key: string; data: unknown }) => settle(options, async () => (storage.set(options.key, options.data), { errMsg: 'setStorage:ok' })),
    removeStorage: (options: Callbacks & { key: string }) => settle(options, async () => (storage.delete(options.key), { errMsg: 'removeStorage:ok' })),
    createSelectorQuery: selectorQuery,
    getPrivacySetting: (options: Callbacks) => settle(options, async () => ({ needAuthorization: false, privacyContractName: '连心隐私保护指引', errMsg: 'getPrivacySetting:ok' })),
    onNeedPrivacyAuthorization: () => undefined,
    getLocation: (options: Callbacks) => settle(options, async () => ({ latitude: 30.55, longitude: 114.36, accuracy: 30, errMsg: 'getLocation:ok' })),
    requestSubscribeMessage: (options: Callbacks) => settle(options, async () => ({ errMsg: 'requestSubscribeMessage:ok' })),
    showModal: (options: Callbacks) => settle(options, async () => ({ confirm: false, cancel: true, errMsg: 'showModal:ok' })),
    cloud: {
      init: () => undefined,
      callFunction,
      uploadFile: (options: Callbacks) => settle(options, async () => ({ fileID: 'cloud://lianxin-local/uploads/check.jpg', statusCode: 200 })),
      getTempFileURL: (options: Callbacks & { fileList?: string[] }) =>
        settle(options, async () => ({ fileList: (options.fileList ?? []).map((fileID) => ({ fileID, tempFileURL: 'https://example.invalid/file', status: 0 })) })),
    },
  };
  return { wx, record };
}
