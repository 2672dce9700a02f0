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

/**
 * Codes every part of the product may answer, all dotted ENTITY.WHAT; features add their own (CASE.*) next to their
 * rules. "Not found" names what was not found, so a page can tell a wrong studio from a wrong user.
 */
export const ErrorCodes = {
  ACTION_UNKNOWN: 'ACTION.UNKNOWN',
  INPUT_INVALID: 'INPUT.INVALID',
  INTERNAL: 'INTERNAL.ERROR',
  AUTH_FORBIDDEN: 'AUTH.FORBIDDEN',
  STUDIO_NOT_FOUND: 'STUDIO.NOT_FOUND',
  SERVICE_POINT_NOT_FOUND: 'SERVICE_POINT.NOT_FOUND',
  ORG_NOT_FOUND: 'ORG.NOT_FOUND',
  USER_NOT_FOUND: 'USER.NOT_FOUND',
  CONTENT_RISKY: 'CONTENT.RISKY',
  RATE_LIMITED: 'RATE.LIMITED',
  NETWORK_TIMEOUT: 'NETWORK.TIMEOUT',
  NETWORK_FAILED: 'NETWORK.FAILED',
} as const;

/** The shape every error code has: dotted upper-case words, e.g. CASE.NOT_FOUND. */
export const ERROR_CODE_PATTERN = /^[A-Z][A-Z_]*(\.[A-Z][A-Z_]*)+$/;

/** A refusal because one form field is at fault: the form marks that field with the message. */
export function fieldError(code: string, field: string, message: string): AppError {
  return new AppError(code, message, { fields: { [field]: message } });
}

/** Shorthand for the most common refusal. */
export function forbidden(message = '没有权限进行这个操作'): AppError {
  return new AppError(ErrorCodes.AUTH_FORBIDDEN, message);
}
