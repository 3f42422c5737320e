/** Latency statistics for benchmarks: median and p99 over measured samples, in milliseconds. */
export interface LatencyStats {
  median: number;
  p99: number;
  perSecond: number;
}

export function latencyStats(samplesMs: number[]): LatencyStats {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const total = sorted.reduce((a, b) => a + b, 0);
  return { median: at(0.5), p99: at(0.99), perSecond: total ? (1000 * sorted.length) / total : 0 };
}

/** Runs `fn` over `inputs` `rounds` times after `warmUpRounds` untimed ones, timing each call. */
export function timeEach<T>(
  inputs: readonly T[],
  rounds: number,
  fn: (input: T) => unknown,
  warmUpRounds = 1,
): number[] {
  for (let r = 0; r < warmUpRounds; r++) for (const input of inputs) fn(input);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const input of inputs) {
      const start = performance.now();
      fn(input);
      samples.push(performance.now() - start);
    }
  }
  return samples;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const ms = (n: number) => (n < 1 ? `${(n * 1000).toFixed(0)} µs` : `${n.toFixed(2)} ms`);
