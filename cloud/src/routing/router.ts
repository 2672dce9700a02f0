/**
 * Routes a function's event `{ action, payload }` to its handler and wraps the outcome in the envelope the client
 * reads: `{ ok: true, data } | { ok: false, error: { code, message, details? } }`. Platform-free (no wx-server-sdk).
 * Unlike tcb-router, an unknown action is an explicit ACTION.UNKNOWN error, never an undefined result.
 */
import { AppError, ErrorCodes, type Envelope } from '../../../src/shared/errors';

export { AppError, ErrorCodes };
export type { Envelope };

export type Handler<Ctx> = (payload: unknown, context: Ctx) => Promise<unknown> | unknown;

export interface RouterOptions {
  /** Where unexpected exceptions are reported (console.error in a deployed function: it lands in the cloud log). */
  logError?: (action: string, error: unknown) => void;
}

/** Builds `main(event)`: looks up `event.action`, calls its handler with `event.payload` and the context, wraps the result. */
export function createRouter<Ctx>(
  handlers: Record<string, Handler<Ctx>>,
  options: RouterOptions = {},
): (event: unknown, context: Ctx) => Promise<Envelope<unknown>> {
  const logError = options.logError ?? ((action, error) => console.error(`[${action}]`, error));
  return async (event, context) => {
    const { action, payload } = readEvent(event);
    if (action === null) {
      return failure(ErrorCodes.INPUT_INVALID, '请求缺少 action', { field: 'action' });
    }
    if (!Object.prototype.hasOwnProperty.call(handlers, action)) {
      return failure(ErrorCodes.ACTION_UNKNOWN, `不支持的操作: ${action}`, { action });
    }
    try {
      return { ok: true, data: (await handlers[action](payload, context)) ?? null };
    } catch (error) {
      if (error instanceof AppError) return failure(error.code, error.message, error.details);
      logError(action, error);
      // Never leak stacks or internals to the client.
      return failure(ErrorCodes.INTERNAL, '服务器开小差了，请稍后再试');
    }
  };
}

function readEvent(event: unknown): { action: string | null; payload: unknown } {
  if (typeof event !== 'object' || event === null) return { action: null, payload: undefined };
  const { action, payload } = event as { action?: unknown; payload?: unknown };
  return { action: typeof action === 'string' && action ? action : null, payload };
}

function failure(code: string, message: string, details?: unknown): Envelope<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}
