// Timing helpers shared by the benchmark sections: contenders run interleaved in one process (their
// order rotating every round, a GC before each sample when node runs with --expose-gc), each sample
// long enough to dwarf timer resolution, and the median over rounds reported. Time is the process' CPU
// time (user + system, all threads, so tfjs' GC counts), not wall time: on a shared machine wall time
// mostly measures how long the scheduler kept us waiting. No assertions: numbers.

export interface Contender {
  readonly name: string;
  /** One run of the work being timed. */
  readonly run: () => void;
}

export interface TimingOptions {
  /** Rounds per contender; the median is reported. */
  readonly rounds: number;
  /** Each sample repeats `run` until it lasts at least this long. */
  readonly minSampleMs: number;
  /** Untimed runs before the first sample (JIT warm-up). */
  readonly warmup: number;
  /**
   * A full collection before each sample (with --expose-gc), so no sample pays for another's garbage. It also
   * shrinks the young generation, as V8 does after an idle spell; without it, the steady state of continuous work.
   */
  readonly collectBeforeSample?: boolean;
}

export const DEFAULT_TIMING: TimingOptions = { rounds: 9, minSampleMs: 25, warmup: 3 };

const gc = (globalThis as { gc?: () => void }).gc;

/** CPU milliseconds used by this process so far. */
export function nowMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Median milliseconds per run of each contender, in the contenders' order. */
export function timeInterleaved(contenders: readonly Contender[], options: TimingOptions = DEFAULT_TIMING): number[] {
  const repetitions = contenders.map((contender) => {
    for (let i = 0; i < options.warmup; i++) contender.run();
    const start = nowMs();
    contender.run();
    const once = Math.max(nowMs() - start, 1e-3);
    return Math.max(1, Math.ceil(options.minSampleMs / once));
  });
  const samples: number[][] = contenders.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const index = (round + k) % contenders.length;
      const { run } = contenders[index];
      const reps = repetitions[index];
      if (options.collectBeforeSample !== false) gc?.();
      const start = nowMs();
      for (let r = 0; r < reps; r++) run();
      samples[index].push((nowMs() - start) / reps);
    }
  }
  return samples.map(median);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A plain-text table with right-aligned columns after the first. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => row[c].length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
