/**
 * What makes the emulator's subscribeMessage.send as slow and as unreliable as WeChat can be, so the push engine's speed
 * and failure handling are measured rather than assumed:
 * - `latencyMs`: time each send takes (spent concurrently, outside the ledger's one-at-a-time section, as network time is);
 * - `shares`: the share of sends that fail with an errcode (43101 no subscription, 45009 daily quota, -1 system busy),
 *   drawn from a seeded generator, so the same seed fails the same calls;
 * - `script`: failures for the next sends (optionally of one openid), used in order before any share is drawn — what tests use.
 * Set at start with LIANXIN_SUBSCRIBE_LATENCY_MS, LIANXIN_SUBSCRIBE_ERRORS ("43101:0.05,45009:0.01,-1:0.02") and
 * LIANXIN_SUBSCRIBE_SEED, or at any time with POST /_emulator/send-faults.
 */

export const FAULT_CODES = [43101, 45009, -1] as const;

export const FAULT_MESSAGES: Record<number, string> = {
  43101: 'user refuse to accept the msg',
  45009: 'reach max api daily quota limit',
  [-1]: 'system error',
};

export interface SendFaultSettings {
  latencyMs: number;
  /** errcode → share of sends (0..1) failing with it. */
  shares: Record<string, number>;
  seed: number;
}

export interface ScriptedFault {
  /** Only a send to this openid takes it; omitted: the next send whoever it is for. */
  openid?: string;
  errcode: number;
}

export interface SendFaults {
  settings(): SendFaultSettings;
  configure(settings: Partial<SendFaultSettings>): SendFaultSettings;
  script(faults: ScriptedFault[]): void;
  /** The errcode this send fails with, or null; consumes a scripted fault or one draw of the generator. */
  draw(openid: string): number | null;
  /** Waits the configured latency. */
  delay(): Promise<void>;
}

/** Reads "43101:0.05,45009:0.01,-1:0.02"; throws on anything else so a typo is not a silent no-op. */
export function parseShares(text: string): Record<string, number> {
  const shares: Record<string, number> = {};
  for (const part of text.split(',').map((item) => item.trim()).filter(Boolean)) {
    const match = /^(-?\d+):(0(?:\.\d+)?|1(?:\.0+)?)$/.exec(part);
    if (!match || !FAULT_CODES.includes(Number(match[1]) as (typeof FAULT_CODES)[number])) {
      throw new Error(`LIANXIN_SUBSCRIBE_ERRORS: "${part}" is not <errcode>:<share> with errcode one of ${FAULT_CODES.join(', ')}`);
    }
    shares[match[1]] = Number(match[2]);
  }
  return shares;
}

/** mulberry32: small, seeded, good enough to spread failures. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sendFaultsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<SendFaultSettings> {
  const settings: Partial<SendFaultSettings> = {};
  if (env.LIANXIN_SUBSCRIBE_LATENCY_MS) settings.latencyMs = Number(env.LIANXIN_SUBSCRIBE_LATENCY_MS);
  if (env.LIANXIN_SUBSCRIBE_ERRORS) settings.shares = parseShares(env.LIANXIN_SUBSCRIBE_ERRORS);
  if (env.LIANXIN_SUBSCRIBE_SEED) settings.seed = Number(env.LIANXIN_SUBSCRIBE_SEED);
  return settings;
}

export function createSendFaults(initial: Partial<SendFaultSettings> = {}): SendFaults {
  let current: SendFaultSettings = { latencyMs: 0, shares: {}, seed: 1 };
  let random = generator(current.seed);
  let scripted: ScriptedFault[] = [];
  const faults: SendFaults = {
    settings: () => ({ ...current, shares: { ...current.shares } }),
    configure(settings) {
      const latencyMs = settings.latencyMs ?? current.latencyMs;
      if (!Number.isFinite(latencyMs) || latencyMs < 0 || latencyMs > 60_000) throw new Error(`latencyMs must be 0..60000, got ${String(settings.latencyMs)}`);
      const shares = settings.shares ?? current.shares;
      const total = Object.values(shares).reduce((sum, share) => sum + share, 0);
      if (Object.values(shares).some((share) => !(share >= 0)) || total > 1) throw new Error('shares must be ≥ 0 and add up to at most 1');
      for (const code of Object.keys(shares)) {
        if (!FAULT_CODES.includes(Number(code) as (typeof FAULT_CODES)[number])) throw new Error(`errcode ${code} is not one of ${FAULT_CODES.join(', ')}`);
      }
      const seed = settings.seed ?? current.seed;
      if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${String(settings.seed)}`);
      current = { latencyMs, shares: { ...shares }, seed };
      random = generator(seed);
      return faults.settings();
    },
    script(list) {
      scripted.push(...list);
    },
    draw(openid) {
      const index = scripted.findIndex((fault) => !fault.openid || fault.openid === openid);
      if (index >= 0) {
        const [fault] = scripted.splice(index, 1);
        return fault.errcode;
      }
      const entries = Object.entries(current.shares).filter(([, share]) => share > 0);
      if (entries.length === 0) return null;
      let roll = random();
      for (const [code, share] of entries) {
        if (roll < share) return Number(code);
        roll -= share;
      }
      return null;
    },
    delay: () => (current.latencyMs > 0 ? new Promise((resolve) => setTimeout(resolve, current.latencyMs)) : Promise.resolve()),
  };
  // Start from the environment; reset() in tests goes back through configure.
  faults.configure(initial);
  scripted = [];
  return faults;
}
