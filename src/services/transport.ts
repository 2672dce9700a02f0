/**
 * The one transport: `call(contract, input)` validates the input with the action's shared schema, sends
 * `{ action, payload }` to the action's cloud function over the platform's channel, reads the envelope and resolves
 * the typed data or rejects with an ApiError. No UI here: pages decide how to show errors.
 * Only idempotent actions are retried (once, after a network failure or timeout).
 */
import type { ActionContract, InputOf, OutputOf } from '../shared/contract';
import { parseInput } from '../shared/contract';
import { AppError, ErrorCodes, type Envelope } from '../shared/errors';
import { ApiError } from './errors';

/** Carries one request to a cloud function and resolves whatever the function returned (the envelope). */
export type Channel = (fn: string, data: { action: string; payload: unknown }) => Promise<unknown>;

export interface TransportOptions {
  channel: Channel;
  /** Per attempt; the mini-program's own callFunction limit is about 20 s. */
  timeoutMs?: number;
}

export type Call = <A extends ActionContract>(contract: A, input: InputOf<A>) => Promise<OutputOf<A>>;

const TIMEOUT_MESSAGE = '网络不给力，请求超时了，请稍后再试';
const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';

/** A transport bound to a channel. */
export function createTransport({ channel, timeoutMs = 15_000 }: TransportOptions): Call {
  return async <A extends ActionContract>(contract: A, input: InputOf<A>): Promise<OutputOf<A>> => {
    let payload: unknown;
    try {
      payload = parseInput(contract, input);
    } catch (error) {
      if (error instanceof AppError) throw new ApiError({ code: error.code, message: error.message, details: error.details });
      throw error;
    }
    const attempts = contract.idempotent ? 2 : 1;
    let lastError: ApiError | null = null;
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      let reply: unknown;
      try {
        reply = await withTimeout(channel(contract.fn, { action: contract.name, payload }), timeoutMs);
      } catch (error) {
        lastError = error instanceof ApiError ? error : new ApiError({ code: ErrorCodes.NETWORK_FAILED, message: NETWORK_MESSAGE, details: describe(error) });
        if (lastError.code === ErrorCodes.NETWORK_FAILED || lastError.code === ErrorCodes.NETWORK_TIMEOUT) continue;
        throw lastError;
      }
      return unwrap<OutputOf<A>>(reply);
    }
    throw lastError ?? new ApiError({ code: ErrorCodes.NETWORK_FAILED, message: NETWORK_MESSAGE });
  };
}

function unwrap<T>(reply: unknown): T {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    const envelope = reply as Envelope<T>;
    if (envelope.ok) return envelope.data;
    throw new ApiError(envelope.error);
  }
  throw new ApiError({ code: ErrorCodes.INTERNAL, message: '服务器返回了无法识别的结果', details: reply });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new ApiError({ code: ErrorCodes.NETWORK_TIMEOUT, message: TIMEOUT_MESSAGE })), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'errMsg' in error) return String((error as { errMsg: unknown }).errMsg);
  return String(error);
}
