/**
 * The one error vocabulary of Lianxin, shared by client and cloud: a stable dotted code for programs, a Chinese message
 * for people, details for fields. Every cloud action answers `{ ok: true, data } | { ok: false, error }`.
 */

export interface ApiErrorBody {
  /** Stable dotted code, e.g. INPUT.INVALID, CASE.NOT_FOUND. */
  code: string;
  /** Message for people (Chinese). */
  message: string;
  details?: unknown;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

/** A failure a rule or handler means to report: its code and message reach the client unchanged. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Codes every part of the product may answer; features add their own (CASE.*, STUDIO.*) next to their rules. */
export const ErrorCodes = {
  ACTION_UNKNOWN: 'ACTION.UNKNOWN',
  INPUT_INVALID: 'INPUT.INVALID',
  INTERNAL: 'INTERNAL.ERROR',
  AUTH_FORBIDDEN: 'AUTH.FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONTENT_RISKY: 'CONTENT.RISKY',
  RATE_LIMITED: 'RATE.LIMITED',
  CONFLICT: 'CONFLICT',
  NETWORK_TIMEOUT: 'NETWORK.TIMEOUT',
  NETWORK_FAILED: 'NETWORK.FAILED',
} as const;

/** Shorthand for the most common refusal. */
export function forbidden(message = '没有权限进行这个操作'): AppError {
  return new AppError(ErrorCodes.AUTH_FORBIDDEN, message);
}
