/** Local timer triggers: one unref'd timeout per function, re-armed from its cron after every fire. */
import { nextFire, type CronSchedule } from './cron';

export interface ScheduledFunction {
  name: string;
  schedule: CronSchedule;
}

const UTC8_MS = 8 * 3600_000;

/** "2027-03-12 09:00:00 UTC+8": triggers are configured in Beijing time, so they are reported in it. */
export function formatBeijing(at: Date): string {
  return `${new Date(at.getTime() + UTC8_MS).toISOString().slice(0, 19).replace('T', ' ')} UTC+8`;
}

// setTimeout cannot wait longer than 2^31-1 ms; longer waits wake up early and re-arm.
const MAX_DELAY_MS = 2 ** 31 - 1;

export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly fire: (name: string, at: Date) => void,
    private readonly now: () => Date,
  ) {}

  /** Arms every function's next fire; returns when each will fire (null: never again). */
  start(functions: ScheduledFunction[]): Map<string, Date | null> {
    this.stop();
    const next = new Map<string, Date | null>();
    for (const fn of functions) next.set(fn.name, this.arm(fn));
    return next;
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** `after` is the last fire, so a clock that has not moved past it (an injected now()) cannot fire it twice. */
  private arm(fn: ScheduledFunction, after?: Date): Date | null {
    const now = this.now();
    const at = nextFire(fn.schedule, after && after > now ? after : now);
    if (!at) return null;
    const delay = Math.max(0, at.getTime() - now.getTime());
    const timer = setTimeout(() => {
      if (delay > MAX_DELAY_MS) return void this.arm(fn, after);
      this.fire(fn.name, at);
      this.arm(fn, at);
    }, Math.min(delay, MAX_DELAY_MS));
    timer.unref();
    this.timers.set(fn.name, timer);
    return at;
  }
}
