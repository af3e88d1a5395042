/** Timing helpers the converter benches share. The machine is shared while they run: they lean on CPU time and medians. */

export const mb = (text: string): number => Buffer.byteLength(text, 'utf8') / 1e6;

/** CPU time of this process (user + system): on a shared machine it moves less than wall time does. */
export function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export function timeMs(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Repeats `run` for at least `budgetMs` and returns MB/s for an input of `megabytes`. */
export function throughput(megabytes: number, run: () => void, budgetMs = 700): number {
  run();
  let iterations = 0;
  const elapsed = timeMs(() => {
    const start = Date.now();
    while (Date.now() - start < budgetMs) {
      run();
      iterations++;
    }
  });
  return (megabytes * iterations) / (elapsed / 1000);
}

export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}

/** MB per second of CPU time: `run` repeated until it has used `sliceMs` of it. */
function cpuRate(megabytes: number, run: () => void, sliceMs: number): number {
  let iterations = 0;
  const ms = cpuMs(() => {
    const start = process.cpuUsage();
    let used = 0;
    while (used < sliceMs * 1000) {
      run();
      iterations++;
      const now = process.cpuUsage(start);
      used = now.user + now.system;
    }
  });
  return (megabytes * iterations) / (ms / 1000);
}

export interface Duel {
  readonly ours: number;
  readonly theirs: number;
  readonly ratio: number;
  readonly worstRatio: number;
}

/**
 * Two implementations on the same input in alternating slices of CPU time, so that a change of load on the
 * machine falls on both: medians of MB/s and of the per-round ratio, and the worst round's ratio.
 */
export function duel(megabytes: number, ours: () => void, theirs: () => void, rounds = 7, sliceMs = 300): Duel {
  // One round unmeasured: until the JIT has compiled both, the first round says more about it than about them.
  cpuRate(megabytes, ours, sliceMs);
  cpuRate(megabytes, theirs, sliceMs);
  const results = Array.from({ length: rounds }, () => {
    const a = cpuRate(megabytes, ours, sliceMs);
    const b = cpuRate(megabytes, theirs, sliceMs);
    return { a, b, ratio: a / b };
  });
  return {
    ours: median(results.map((r) => r.a)),
    theirs: median(results.map((r) => r.b)),
    ratio: median(results.map((r) => r.ratio)),
    worstRatio: Math.min(...results.map((r) => r.ratio)),
  };
}
