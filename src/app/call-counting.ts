/**
 * Counts the REST calls a use case makes through a port, for the journal ("calls made") and the benchmarks.
 * Wraps any port object: each function property is counted when called.
 */
export interface CallCounter {
  count: number;
}

export function countingPort<T extends object>(port: T, counter: CallCounter): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        counter.count += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
