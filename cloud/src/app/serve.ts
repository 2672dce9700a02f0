/**
 * The composition every cloud function shares: route `{ action, payload }` to a handler typed by the shared contract,
 * validate the payload with the contract's schema, load the caller from the WeChat context (OPENID — never from the
 * payload), check the contract's roles, and answer the envelope. Timer triggers (recognised from the platform's
 * context, never from the event alone) run with a system caller.
 */
import type { ActionContract, FunctionContract, OutputOf, ParsedOf } from '../../../src/shared/contract';
import { parseInput } from '../../../src/shared/contract';
import { AppError, ErrorCodes } from '../../../src/shared/errors';
import type { Caller } from '../../../src/shared/identity';
import { requireRole, systemCaller } from '../domain/access';
import { initCloud, triggerSource, wxContext } from '../infra/cloud';
import { database, type Database } from '../infra/database';
import { notifier, type Notify } from '../infra/notifier';
import { callerOf, createUser, findUser } from '../infra/users';
import { createRouter, type Handler } from '../routing/router';

export interface RequestContext {
  caller: Caller;
  /** Request time (ms); one value per request so every rule sees the same "now". */
  now: number;
  db: Database;
  notify: Notify;
}

export type Handlers<C extends FunctionContract> = {
  [K in keyof C]: (input: ParsedOf<C[K]>, ctx: RequestContext) => Promise<OutputOf<C[K]>>;
};

export type TimerHandler = (ctx: RequestContext, trigger: { name: string; time: string }) => Promise<unknown>;

/** Builds a cloud function's `main` from its contract and handlers (and optional timer triggers by name). */
export function serve<C extends FunctionContract>(
  contracts: C,
  handlers: Handlers<C>,
  timers: Record<string, TimerHandler> = {},
): (event: unknown) => Promise<unknown> {
  initCloud();
  const routes: Record<string, Handler<null>> = {};
  for (const name of Object.keys(contracts)) {
    const contract: ActionContract = contracts[name];
    const handler = handlers[name] as (input: unknown, ctx: RequestContext) => Promise<unknown>;
    routes[name] = async (payload) => {
      const known = await requestContext();
      // Roles first: someone who may not call the action learns nothing about its payload.
      requireRole(known.ctx.caller, contract);
      const input = parseInput(contract, payload);
      // Only an accepted call stores a first-time caller: refused knocks (a role they lack, a bad payload, an unknown
      // action) leave no `users` document behind, however many arrive.
      const ctx = known.stored ? known.ctx : { ...known.ctx, caller: callerOf(await createUser(known.ctx.db, known.ctx.caller.openid, known.ctx.now)) };
      return handler(input, ctx);
    };
  }
  const route = createRouter<null>(routes);
  return async (event) => {
    // A client's callFunction data IS the event, so the event's shape proves nothing: only the platform's context
    // (no calling user, fired by a timer) makes it a trigger. A client sending a timer-shaped event is routed like any
    // other request and answers INPUT.INVALID (no action).
    const timer = fromTimer() ? readTimer(event) : null;
    if (timer) {
      const run = timers[timer.name];
      if (!run) {
        console.error(`no handler for timer trigger ${timer.name}`);
        return { ok: false, error: { code: ErrorCodes.ACTION_UNKNOWN, message: `没有这个定时触发器: ${timer.name}`, details: { trigger: timer.name } } };
      }
      const db = database();
      return run({ caller: systemCaller(), now: triggerTime(timer.time), db, notify: notifier(db, () => Date.now()) }, timer);
    }
    return route(event, null);
  };
}

/**
 * True only when the platform fired this invocation from a timer: no WeChat user in the context (every mini-program
 * call carries an OPENID) and SCF's trigger source says 'timer' (set by the platform, beside the trigger's API token).
 */
function fromTimer(): boolean {
  return !wxContext().OPENID && triggerSource() === 'timer';
}

/** The caller as stored, or — for someone never seen — a resident not stored yet (see serve: stored once accepted). */
async function requestContext(): Promise<{ ctx: RequestContext; stored: boolean }> {
  const { OPENID } = wxContext();
  // Every client call carries an OPENID; none means the call did not come from a WeChat user.
  if (!OPENID) throw new AppError(ErrorCodes.AUTH_FORBIDDEN, '请在微信中打开');
  const db = database();
  const now = requestTime();
  const user = await findUser(db, OPENID);
  const caller = callerOf(user ?? { _id: OPENID, code: '', createdAt: now, updatedAt: now });
  return { ctx: { caller, now, db, notify: notifier(db, () => Date.now()) }, stored: user !== null };
}

/**
 * The request's "now": the wall clock, or a fixed instant when the function's environment sets LIANXIN_NOW (epoch ms
 * or an ISO time). Honoured only on the local emulator (its runner sets LIANXIN_EMULATOR), so a stray variable in a
 * deployed config can never stop the clock; tests set it through a function's config.json envVariables, so rules that
 * depend on the date — deadlines across a holiday — can be tested on a known day.
 */
function requestTime(): number {
  const fixed = process.env.LIANXIN_NOW;
  if (!fixed || process.env.LIANXIN_EMULATOR !== '1') return Date.now();
  const ms = /^\d+$/.test(fixed) ? Number(fixed) : Date.parse(fixed);
  if (!Number.isFinite(ms)) throw new Error(`LIANXIN_NOW is not a time: ${fixed}`);
  return ms;
}

/** A timer decides as of its scheduled time (the trigger's `Time`), so a late or replayed run decides the same way. */
function triggerTime(time: string): number {
  const ms = Date.parse(time);
  return Number.isFinite(ms) ? ms : requestTime();
}

function readTimer(event: unknown): { name: string; time: string } | null {
  if (typeof event !== 'object' || event === null) return null;
  const { Type, TriggerName, Time } = event as { Type?: unknown; TriggerName?: unknown; Time?: unknown };
  return Type === 'Timer' && typeof TriggerName === 'string' ? { name: TriggerName, time: String(Time ?? '') } : null;
}
