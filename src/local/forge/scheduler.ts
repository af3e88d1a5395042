/** Work waiting on simulated time, taken earliest first (ties in arrival order, so runs are deterministic). */
export class Agenda<T> {
  private entries: { dueAt: number; seq: number; item: T }[] = [];
  private seq = 0;

  add(dueAt: number, item: T): void {
    this.entries.push({ dueAt, seq: this.seq++, item });
  }

  /** The earliest item due at `now`, removed; undefined when nothing is due yet. */
  takeDue(now: number): T | undefined {
    let best = -1;
    this.entries.forEach((e, i) => {
      const b = this.entries[best];
      if (e.dueAt <= now && (b === undefined || e.dueAt < b.dueAt || (e.dueAt === b.dueAt && e.seq < b.seq))) best = i;
    });
    if (best < 0) return undefined;
    return this.entries.splice(best, 1)[0]?.item;
  }

  nextDueAt(): number | undefined {
    return this.entries.reduce<number | undefined>(
      (min, e) => (min === undefined || e.dueAt < min ? e.dueAt : min),
      undefined,
    );
  }

  get size(): number {
    return this.entries.length;
  }

  items(): T[] {
    return this.entries.map((e) => e.item);
  }

  remove(predicate: (item: T) => boolean): number {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => !predicate(e.item));
    return before - this.entries.length;
  }

  clear(): void {
    this.entries = [];
  }
}
