/**
 * The /admin protocol that wx-server-sdk (via @cloudbase/node-sdk) speaks.
 * Every call is a POST to /admin with an `action`; success replies `{ requestId, data }`,
 * failures reply `{ requestId, code, message }` with HTTP 200 — the SDK maps `code` to its errCode table.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Who is calling, resolved from the per-invocation WX_API_TOKEN the runner hands each function instance. */
export interface CallerContext {
  OPENID: string;
  APPID: string;
  UNIONID: string;
  CLIENTIP: string;
  ENV: string;
  /** Function that made the call, when the call comes from a function run by our runner. */
  functionName: string;
  /** Source of the invocation ('wx_client' | 'wx_http' | 'timer' | 'function'). */
  source: string;
}

export interface AdminCall {
  action: string;
  /** JSON body fields, or multipart form fields for wx.openApi. */
  params: Record<string, unknown>;
  /** Raw multipart files (field name → bytes); wx.openApi sends `requestData` as a binary part. */
  files: Record<string, Buffer>;
  /** The invocation that sent this request, if it came from a function our runner started. */
  caller: CallerContext | null;
  requestId: string;
}

/** A reply that is not the JSON envelope (wx.openApi answers protobuf bytes). */
export class RawReply {
  constructor(
    readonly body: Buffer,
    readonly contentType: string,
  ) {}
}

/** A JSON reply whose fields sit beside `requestId` instead of inside `data` (e.g. startTransaction). */
export class TopLevelReply {
  constructor(readonly fields: Record<string, unknown>) {}
}

/** An error the real cloud would answer: `code` is the TCB error code string the SDK maps (e.g. DATABASE_COLLECTION_NOT_EXIST). */
export class AdminError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}

export type AdminHandler = (call: AdminCall) => Promise<unknown> | unknown;

/** A part of the emulator: /admin actions it answers, plus any plain HTTP routes it serves. */
export interface EmulatorModule {
  handlers: Record<string, AdminHandler>;
  /** Return true when the request was handled. */
  route?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> | boolean;
  close?: () => Promise<void> | void;
}

/** Invocation tokens: the runner registers one per running invocation, the server resolves it per /admin call. */
export class InvocationRegistry {
  private readonly byToken = new Map<string, CallerContext>();

  register(token: string, context: CallerContext): void {
    this.byToken.set(token, context);
  }

  release(token: string): void {
    this.byToken.delete(token);
  }

  resolve(token: unknown): CallerContext | null {
    return typeof token === 'string' ? (this.byToken.get(token) ?? null) : null;
  }
}
