import { ApiError } from '../services/errors';
import { GatewayError } from './gateway';

/** What to tell the user about a failure: our errors carry a Chinese message for people; anything else is generic. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError || error instanceof GatewayError) return error.message;
  return '出了点问题，请稍后再试';
}
