/**
 * The failures a function invocation can end in, with the numeric codes and messages production reports
 * (as seen by callers: "errCode: -504003  | errMsg: Invoking task timed out after 3 seconds").
 * `code` is the string the /admin reply carries; wx-server-sdk surfaces it as `error.code` on callFunction failures.
 */
import { AdminError } from '../protocol';

export class FunctionInvokeError extends Error {
  constructor(
    /** TCB code string sent in the /admin reply. */
    readonly code: string,
    /** Numeric error code production reports for this failure. */
    readonly errCode: number,
    /** Production-style message: `errCode: <n> <text> | errMsg: <detail>`. */
    readonly errMsg: string,
  ) {
    super(errMsg);
    this.name = 'FunctionInvokeError';
  }

  /** The same failure as the /admin reply the SDK expects. */
  toAdminError(): AdminError {
    return new AdminError(this.code, this.errMsg);
  }
}

/** The function ran past its configured timeout and its instance was killed. */
export function timedOut(seconds: number): FunctionInvokeError {
  return new FunctionInvokeError(
    'FUNCTIONS_TIME_LIMIT_EXCEEDED',
    -504003,
    `errCode: -504003  | errMsg: Invoking task timed out after ${seconds} seconds`,
  );
}

/** The function threw, rejected, failed to load, or its instance crashed. */
export function executeFailed(detail: string): FunctionInvokeError {
  return new FunctionInvokeError('FUNCTIONS_EXECUTE_FAIL', -504002, `errCode: -504002 functions execute fail | errMsg: ${detail}`);
}

/** No deployed function has this name. */
export function notFound(name: string): FunctionInvokeError {
  return new FunctionInvokeError(
    'FUNCTION_NOT_FOUND',
    -501000,
    `errCode: -501000  | errMsg: FunctionName parameter could not be found. (function: ${name})`,
  );
}
