/**
 * One warm function instance: a worker thread running worker.js, handed one request at a time.
 * A timeout or a crash terminates the thread; the pool then starts a fresh one, as SCF replaces a killed instance.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';

const WORKER_FILE = join(__dirname, 'worker.js');
// Cold start (thread boot + loading index.js) is not charged to the function's timeout, but cannot hang forever.
const INIT_LIMIT_MS = 30_000;

export interface InstanceRequest {
  file: string;
  env: Record<string, string>;
  event: unknown;
  context: Record<string, unknown>;
}

export type InstanceOutcome =
  | { kind: 'ok'; response: string }
  | { kind: 'error'; detail: string; stack: string }
  | { kind: 'timeout' }
  | { kind: 'crash'; detail: string };

interface WorkerMessage {
  type: 'started' | 'done';
  id: number;
  ok: boolean;
  response?: string;
  detail?: string;
  stack?: string;
}

let nextRequestId = 1;

export class FunctionInstance {
  private readonly worker: Worker;
  private pending: { id: number; settle: (outcome: InstanceOutcome) => void; started: () => void } | null = null;
  private dead = false;
  lastUsed = Date.now();

  constructor(
    readonly functionName: string,
    env: Record<string, string>,
    log: (line: string) => void,
  ) {
    this.worker = new Worker(WORKER_FILE, { env, stdout: true, stderr: true });
    const forward = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) if (line) log(`[fn ${functionName}] ${line}`);
    };
    this.worker.stdout.on('data', forward);
    this.worker.stderr.on('data', forward);
    this.worker.on('message', (message: WorkerMessage) => this.onDone(message));
    this.worker.on('error', (error) => this.onDeath(`${error.name}: ${error.message}`));
    this.worker.on('exit', (code) => this.onDeath(`function instance exited (code ${code})`));
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** Runs one request; resolves with what happened (never rejects). A timeout kills this instance. */
  run(request: InstanceRequest, timeoutMs: number): Promise<InstanceOutcome> {
    if (this.dead) return Promise.resolve({ kind: 'crash', detail: 'function instance is gone' });
    const id = nextRequestId++;
    return new Promise((resolve) => {
      const expire = (): void => {
        settle({ kind: 'timeout' });
        void this.terminate();
      };
      let timer = setTimeout(expire, timeoutMs + INIT_LIMIT_MS);
      const started = (): void => {
        clearTimeout(timer);
        timer = setTimeout(expire, timeoutMs);
      };
      const settle = (outcome: InstanceOutcome): void => {
        clearTimeout(timer);
        this.pending = null;
        this.lastUsed = Date.now();
        resolve(outcome);
      };
      this.pending = { id, settle, started };
      this.worker.postMessage({ type: 'invoke', id, ...request });
    });
  }

  /** Stops the thread (idempotent). */
  async terminate(): Promise<void> {
    this.dead = true;
    this.pending?.settle({ kind: 'crash', detail: 'function instance was stopped' });
    await this.worker.terminate();
  }

  private onDone(message: WorkerMessage): void {
    if (!this.pending || message.id !== this.pending.id) return;
    if (message.type === 'started') return this.pending.started();
    this.pending.settle(
      message.ok
        ? { kind: 'ok', response: message.response ?? 'null' }
        : { kind: 'error', detail: message.detail ?? 'unknown error', stack: message.stack ?? '' },
    );
  }

  private onDeath(detail: string): void {
    this.dead = true;
    this.pending?.settle({ kind: 'crash', detail });
  }
}
