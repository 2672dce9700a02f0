/** The client's one error type: every failed call (cloud refusal, network, timeout) becomes an ApiError. */
import type { ApiErrorBody } from '../shared/errors';

export class ApiError extends Error {
  readonly code: string;
  readonly details?: unknown;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.details = body.details;
  }

  /** Per-field messages of an INPUT.INVALID error (field path → message), for forms. */
  get fields(): Record<string, string> {
    const details = this.details as { fields?: Record<string, string> } | undefined;
    return details?.fields ?? {};
  }
}
