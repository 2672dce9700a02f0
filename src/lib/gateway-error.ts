/** A refusal or failure from the local gateway, with its Chinese message (e.g. 403 outside dev mode). */
export class GatewayError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(message: string, status: number, code: string) {
    super(message);
    this.name = 'GatewayError';
    this.status = status;
    this.code = code;
  }
}
