/**
 * The cluster test's verdicts over what it recorded, as plain functions so each can be shown to fail on a
 * record that breaks it (./checks.test.ts).
 */
import type { WriteRecord } from './front';

export interface Overlap {
  pair: string;
  first: WriteRecord;
  second: WriteRecord;
}

/**
 * Writes to one pair (either side of it) by two instances whose request times overlap: both were inside a job
 * of that pair at once. `pairOf` maps `jira:<id|key>` and `b24:<id>` to the pair; an entity of no pair (a
 * write to something unpaired) is its own group.
 */
export function concurrentWrites(writes: readonly WriteRecord[], pairOf: (entity: string) => string | null): Overlap[] {
  const byPair = new Map<string, WriteRecord[]>();
  for (const write of writes) {
    if (write.entity === null) continue;
    const pair = pairOf(write.entity) ?? write.entity;
    byPair.set(pair, [...(byPair.get(pair) ?? []), write]);
  }
  const overlaps: Overlap[] = [];
  for (const [pair, list] of byPair) {
    const sorted = [...list].sort((a, b) => a.start - b.start);
    sorted.forEach((first, i) => {
      for (const second of sorted.slice(i + 1)) {
        if (second.start >= first.end) break;
        if (second.instance !== first.instance) overlaps.push({ pair, first, second });
      }
    });
  }
  return overlaps;
}

/** How many times each token occurs across `texts`, for the tokens not found exactly once. */
export function notExactlyOnce(tokens: readonly string[], texts: readonly string[]): Record<string, number> {
  const wrong: Record<string, number> = {};
  for (const token of tokens) {
    const count = texts.filter((text) => text.includes(token)).length;
    if (count !== 1) wrong[token] = count;
  }
  return wrong;
}
