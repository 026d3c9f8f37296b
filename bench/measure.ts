// Side-by-side timing on mitata's `measure`. Ratios are only meaningful between numbers taken
// under the same conditions, and this machine is shared: so every contender of a comparison is
// measured in the same rounds, in a rotating order, after a warm-up round that is thrown away, and
// each keeps its best round's median (the one least disturbed by other processes).

import { measure } from "mitata";

export interface Contender {
  name: string;
  /** One call; may return a promise (it is awaited). */
  run: () => unknown;
  /** Operations done by one call (100 for a batch of 100): times are reported per operation. */
  opsPerCall?: number;
}

export interface Timing {
  /** Nanoseconds per operation: the best round's median. */
  ns: number;
  /** Spread of the rounds' medians, (worst - best) / best: how noisy this measurement was. */
  spread: number;
}

export interface Settings {
  rounds: number;
  /** Measured time per contender per round, milliseconds. */
  roundMs: number;
}

/**
 * `opsPerSample`: time every sample as a batch of about that many operations, every contender
 * alike. Left to itself, mitata times one call per sample or batches of 4096 depending on how long
 * a contender's first call took; a WebCrypto call (10-100 µs, set by thread wake-ups) fell on either
 * side of its threshold, so two contenders of one comparison could be timed differently.
 */
export async function compare(contenders: readonly Contender[], settings: Settings, opsPerSample?: number): Promise<Map<string, Timing>> {
  const medians = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let round = 0; round <= settings.rounds; round++) {
    const warmUp = round === 0;
    for (let i = 0; i < contenders.length; i++) {
      const c = contenders[(i + round) % contenders.length]!;
      const minCpuTime = (warmUp ? settings.roundMs / 2 : settings.roundMs) * 1e6;
      const batching = opsPerSample === undefined ? {} : {
        batch_threshold: Infinity,
        warmup_threshold: Infinity,
        // a multiple of mitata's 4-call unrolled loop, which times whole loops only
        batch_samples: 4 * Math.max(1, Math.round(opsPerSample / (c.opsPerCall ?? 1) / 4)),
      };
      const stats = await measure(c.run, { min_cpu_time: minCpuTime, ...batching });
      if (!warmUp) medians.get(c.name)!.push(stats.p50 / (c.opsPerCall ?? 1));
    }
  }
  const timings = new Map<string, Timing>();
  for (const [name, values] of medians) {
    const best = Math.min(...values);
    timings.set(name, { ns: best, spread: (Math.max(...values) - best) / best });
  }
  return timings;
}

/**
 * Operations per sample for a body of `bytes`: 256 up to 1 KiB, fewer as the body grows (at
 * least 4, mitata's unrolled loop), so that one sample of a slow contender (the pure provider at
 * 1 MiB: ~5 ms a call) does not take seconds and mitata's 12 samples fit in a round.
 */
export function opsPerSample(bytes: number): number {
  return Math.max(4, Math.round((256 * 1024) / Math.max(bytes, 1024)));
}
