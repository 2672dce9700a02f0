/** One measured number. `name` is stable across runs so results can be compared. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

export interface BenchSuite {
  name: string;
  /** Lines printed after the suite's figures: what the figures assume, and how production differs. */
  notes?: string[];
  /** `progress` prints to stderr so stdout stays one line per figure. */
  run(progress: (line: string) => void): Promise<Figure[]>;
}

/** p-th percentile (0–100) of a list of samples, by nearest rank. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

/** Runs `fn` `times` times sequentially and returns each duration in milliseconds. */
export async function timeEach(times: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}
