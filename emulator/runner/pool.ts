/**
 * Warm instances of one function, at most `max` at once; further concurrent requests wait for one to free up.
 * Pools are per function (as SCF instances are), and all of them share one WorkerBudget: each instance is a worker
 * thread of ~50 MB, so the whole local cloud keeps at most `budget.max` alive — an idle instance of another function
 * is stopped to make room, and beyond that requests queue. A call from inside a function (cloud.callFunction) may
 * go over the budget, never over its pool's `max`: its caller holds a worker while it waits, so queueing it could
 * deadlock.
 */
import type { FunctionInstance } from './instance';

export interface BudgetStats {
  max: number;
  /** Workers alive now, across every function. */
  alive: number;
  /** The most ever alive at once. */
  peak: number;
  /** Requests waiting for a worker now. */
  waiting: number;
}

/** The cap on worker threads shared by every function's pool. */
export class WorkerBudget {
  private alive = 0;
  private peak = 0;
  private readonly pools = new Set<InstancePool>();
  private readonly queue: InstancePool[] = [];

  constructor(readonly max: number) {}

  join(pool: InstancePool): void {
    this.pools.add(pool);
  }

  /** Takes a worker slot: free, or freed by stopping another pool's idle instance; `force` goes over the cap. */
  take(force: boolean): boolean {
    if (this.alive >= this.max && !force) {
      const donor = [...this.pools].find((pool) => pool.stopOneIdle());
      if (!donor) return false;
    }
    this.alive += 1;
    this.peak = Math.max(this.peak, this.alive);
    return true;
  }

  /** A worker ended: its slot goes to the first pool waiting for one. */
  give(): void {
    this.alive -= 1;
    this.wake();
  }

  /** A worker ended whose slot its stopper takes at once (or nobody needs: closing). */
  forget(): void {
    this.alive -= 1;
  }

  /** `pool` has requests waiting for a slot. */
  wait(pool: InstancePool): void {
    if (!this.queue.includes(pool)) this.queue.push(pool);
  }

  /** Lets waiting pools retry, oldest first, until a round serves nobody (an idle instance can be taken over too). */
  wake(): void {
    let progress = true;
    while (progress) {
      progress = false;
      for (const pool of [...this.queue]) {
        if (pool.pump()) progress = true;
        if (!pool.hasWaiting()) this.queue.splice(this.queue.indexOf(pool), 1);
      }
    }
  }

  stats(): BudgetStats {
    return { max: this.max, alive: this.alive, peak: this.peak, waiting: [...this.pools].reduce((sum, pool) => sum + pool.waitingCount(), 0) };
  }
}

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
  private readonly waiting: Array<{ resolve: (instance: FunctionInstance) => void; reject: (error: Error) => void; force: boolean }> = [];
  private started = 0;
  private terminated = 0;
  private closed = false;

  constructor(
    private readonly spawn: () => FunctionInstance,
    private readonly max: number,
    private readonly budget: WorkerBudget = new WorkerBudget(Number.POSITIVE_INFINITY),
  ) {
    budget.join(this);
  }

  /**
   * A warm idle instance, a new one while under the bounds, or the next one released. `nested`: a call from inside
   * another function, which may go over the shared budget (see above).
   */
  acquire(nested = false): Promise<FunctionInstance> {
    if (this.closed) return Promise.reject(new Error('function runner is closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject, force: nested });
      if (!this.pump()) this.budget.wait(this);
    });
  }

  /** Serves waiting requests while it can; true when it served at least one. */
  pump(): boolean {
    let served = false;
    while (this.waiting.length > 0) {
      const warm = this.takeIdle();
      if (warm) {
        this.waiting.shift()?.resolve(this.markBusy(warm));
        served = true;
        continue;
      }
      const next = this.waiting[0];
      if (this.busy.size >= this.max || !this.budget.take(next.force)) break;
      this.waiting.shift();
      next.resolve(this.markBusy(this.startOne()));
      served = true;
    }
    return served;
  }

  hasWaiting(): boolean {
    return this.waiting.length > 0;
  }

  waitingCount(): number {
    return this.waiting.length;
  }

  /** Returns a healthy instance after its request; a dead one is replaced for whoever waits. */
  release(instance: FunctionInstance): void {
    this.busy.delete(instance);
    if (!instance.alive) {
      this.ended();
    } else {
      this.idle.push(instance);
    }
    this.pump();
    // Still idle: another function waiting for a slot may take it over.
    if (this.idle.length > 0) this.budget.wake();
  }

  /** Stops one idle instance so another function can use its slot; false when none is idle. */
  stopOneIdle(): boolean {
    const instance = this.idle.shift();
    if (!instance) return false;
    void instance.terminate();
    this.terminated++;
    // The slot passes straight to the caller (the budget), not to the queue.
    this.budgetRelease(false);
    return true;
  }

  /** Terminates instances idle for longer than `idleMs` (cold start again next time, like SCF). */
  reap(idleMs: number, now = Date.now()): void {
    for (const instance of [...this.idle]) {
      if (now - instance.lastUsed > idleMs) {
        this.idle.splice(this.idle.indexOf(instance), 1);
        void instance.terminate();
        this.ended();
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
    for (let i = 0; i < all.length; i += 1) this.budgetRelease(false);
    await Promise.all(all.map((instance) => instance.terminate()));
  }

  /** An instance of this pool ended: count it and hand its slot on. */
  private ended(): void {
    this.terminated++;
    this.budgetRelease(true);
  }

  private budgetRelease(wake: boolean): void {
    if (wake) this.budget.give();
    else this.budget.forget();
  }

  private takeIdle(): FunctionInstance | undefined {
    let instance = this.idle.pop();
    // An idle instance can die (e.g. a stray rejection after its request): drop it and look again.
    while (instance && !instance.alive) {
      this.ended();
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
