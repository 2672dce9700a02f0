/**
 * Warm instances of one function, at most `max` at once; further concurrent requests wait for one to free up.
 * Pools are per function (as SCF instances are), so a function awaiting another function can never starve it.
 */
import type { FunctionInstance } from './instance';

export interface PoolStats {
  /** Instances alive now (idle or busy). */
  alive: number;
  busy: number;
  /** Instances ever started / terminated by this pool. */
  started: number;
  terminated: number;
}

export class InstancePool {
  private readonly idle: FunctionInstance[] = [];
  private readonly busy = new Set<FunctionInstance>();
  private readonly waiting: Array<{ resolve: (instance: FunctionInstance) => void; reject: (error: Error) => void }> = [];
  private started = 0;
  private terminated = 0;
  private closed = false;

  constructor(
    private readonly spawn: () => FunctionInstance,
    private readonly max: number,
  ) {}

  /** A warm idle instance, a new one while under the bound, or the next one released. */
  acquire(): Promise<FunctionInstance> {
    if (this.closed) return Promise.reject(new Error('function runner is closed'));
    const warm = this.takeIdle();
    if (warm) return Promise.resolve(this.markBusy(warm));
    if (this.busy.size < this.max) return Promise.resolve(this.markBusy(this.startOne()));
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Returns a healthy instance after its request; a dead one is replaced for whoever waits. */
  release(instance: FunctionInstance): void {
    this.busy.delete(instance);
    if (!instance.alive) {
      this.terminated++;
      const next = this.waiting.shift();
      if (next) next.resolve(this.markBusy(this.startOne()));
      return;
    }
    const next = this.waiting.shift();
    if (next) next.resolve(this.markBusy(instance));
    else this.idle.push(instance);
  }

  /** Terminates instances idle for longer than `idleMs` (cold start again next time, like SCF). */
  reap(idleMs: number, now = Date.now()): void {
    for (const instance of [...this.idle]) {
      if (now - instance.lastUsed > idleMs) {
        this.idle.splice(this.idle.indexOf(instance), 1);
        this.terminated++;
        void instance.terminate();
      }
    }
  }

  stats(): PoolStats {
    return { alive: this.idle.length + this.busy.size, busy: this.busy.size, started: this.started, terminated: this.terminated };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('function runner is closed'));
    const all = [...this.idle.splice(0), ...this.busy];
    this.busy.clear();
    this.terminated += all.length;
    await Promise.all(all.map((instance) => instance.terminate()));
  }

  private takeIdle(): FunctionInstance | undefined {
    let instance = this.idle.pop();
    // An idle instance can die (e.g. a stray rejection after its request): drop it and look again.
    while (instance && !instance.alive) {
      this.terminated++;
      instance = this.idle.pop();
    }
    return instance;
  }

  private startOne(): FunctionInstance {
    this.started++;
    return this.spawn();
  }

  private markBusy(instance: FunctionInstance): FunctionInstance {
    this.busy.add(instance);
    return instance;
  }
}
