/**
 * The one typed doorway to wx-server-sdk (with database.ts): its own types return `Promise<X> | void | string`
 * (callback overloads) and `openapi` is `Record<string, any>`, so they are narrowed here once and nowhere else.
 * Every SDK failure becomes a CloudError { errCode, errMsg }.
 */
import * as sdk from 'wx-server-sdk';

/** A failure reported by the cloud (database, storage, functions, open API), with WeChat's numeric code. */
export class CloudError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(errMsg);
    this.name = 'CloudError';
  }
}

/** The cloud's answer to an insert that a unique index (or an existing _id) refuses. */
const DUPLICATE_KEY = -502001;

/** True for the duplicate-key error: callers turn it into "already there" (idempotent inserts, races on first write). */
export function isDuplicateKey(error: unknown): boolean {
  return error instanceof CloudError && error.errCode === DUPLICATE_KEY;
}

/** Normalises whatever the SDK threw (its Error with errCode/errMsg, a TcbError, a string) into a CloudError. */
export function toCloudError(error: unknown): CloudError {
  if (error instanceof CloudError) return error;
  if (typeof error === 'object' && error !== null) {
    const { errCode, errMsg, message } = error as { errCode?: unknown; errMsg?: unknown; message?: unknown };
    const text = typeof errMsg === 'string' ? errMsg : typeof message === 'string' ? message : String(error);
    return new CloudError(typeof errCode === 'number' ? errCode : -1, text);
  }
  return new CloudError(-1, String(error));
}

/** Awaits an SDK call made without callbacks (so it returned a promise), turning failures into CloudError. */
export async function settle<T>(result: Promise<T> | void | string): Promise<T> {
  if (!(result instanceof Promise)) throw new CloudError(-1, 'wx-server-sdk did not return a promise');
  try {
    return await result;
  } catch (error) {
    throw toCloudError(error);
  }
}

let initialised = false;

/**
 * Initialises the SDK for "the environment this function runs in" (production: DYNAMIC_CURRENT_ENV; locally the
 * runner sets TCB_ENV so the same value resolves to the emulator's env). Safe to call on every invocation.
 */
export function initCloud(): typeof sdk {
  if (!initialised) {
    // The SDK's init type only admits a string, but DYNAMIC_CURRENT_ENV (a symbol) is its documented value.
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
    initialised = true;
  }
  return sdk;
}

/** The caller's WeChat identity as the platform reports it; '' when absent (timer triggers, server-side calls). */
export interface WxContext {
  OPENID: string;
  APPID: string;
  UNIONID: string;
  CLIENTIP: string;
  ENV: string;
  SOURCE: string;
}

/** Who is calling — the only trustworthy identity: it comes from WeChat, never from the request payload. */
export function wxContext(): WxContext {
  const raw = sdk.getWXContext();
  // getWXContext turns all-digit values into numbers; identities are strings.
  const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
  return {
    OPENID: text(raw.OPENID),
    APPID: text(raw.APPID),
    UNIONID: text(raw.UNIONID),
    CLIENTIP: text(raw.CLIENTIP),
    ENV: text(raw.ENV),
    SOURCE: text(raw.SOURCE),
  };
}

/**
 * What fired this invocation as the platform reports it (SCF's TRIGGER_SRC: 'timer' for a timer trigger), '' when
 * unset. Not part of getWXContext: a client cannot set it, unlike anything in the event.
 */
export function triggerSource(): string {
  return process.env.TRIGGER_SRC ?? '';
}

/** Calls another cloud function (the caller's WeChat context travels with it) and parses its result. */
export async function callFunction<T>(name: string, data: Record<string, unknown>, parse: (result: unknown) => T): Promise<T> {
  initCloud();
  const reply = await settle(sdk.callFunction({ name, data }));
  return parse(reply.result);
}

/** Uploads bytes to cloud storage; returns the fileID (cloud://...). */
export async function uploadFile(cloudPath: string, fileContent: Buffer): Promise<string> {
  initCloud();
  try {
    return (await sdk.uploadFile({ cloudPath, fileContent })).fileID;
  } catch (error) {
    throw toCloudError(error);
  }
}

/** Reads a file of cloud storage (e.g. a table staff uploaded); CloudError when it is missing. */
export async function downloadFile(fileID: string): Promise<Buffer> {
  initCloud();
  try {
    return (await sdk.downloadFile({ fileID })).fileContent as Buffer;
  } catch (error) {
    throw toCloudError(error);
  }
}

export interface TempFileUrl {
  fileID: string;
  tempFileURL: string;
  /** 0 when the URL was issued; otherwise the file's own error status. */
  status: number;
  errMsg: string;
}

/** Temporary download URLs for fileIDs (each item carries its own status). */
export async function getTempFileURL(fileIDs: string[], maxAgeSeconds?: number): Promise<TempFileUrl[]> {
  initCloud();
  const fileList = fileIDs.map((fileID) => (maxAgeSeconds ? { fileID, maxAge: maxAgeSeconds } : fileID));
  const reply = await settle(sdk.getTempFileURL({ fileList }));
  return reply.fileList.map(({ fileID, tempFileURL, status, errMsg }) => ({ fileID, tempFileURL, status, errMsg }));
}

/** Deletes files; returns each fileID with its status (0 = deleted). */
export async function deleteFile(fileIDs: string[]): Promise<Array<{ fileID: string; status: number; errMsg: string }>> {
  initCloud();
  const reply = await settle(sdk.deleteFile({ fileList: fileIDs }));
  return reply.fileList.map(({ fileID, status, errMsg }) => ({ fileID, status, errMsg }));
}
