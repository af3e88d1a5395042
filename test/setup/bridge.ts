// @forge/bridge (and so @forge/react) throws at import unless the product frontend's bridge exists.
// Tests that render UI Kit pages replace callBridge with a recorder; everything else never calls it.
const g = globalThis as unknown as { self?: unknown; __bridge?: unknown };
const bridge = {
  callBridge: (): Promise<never> => Promise.reject(new Error('No Forge bridge in this test: install a recorder first')),
};
g.__bridge ??= bridge;
g.self ??= globalThis;

// The app logs every sync operation as a JSON line; scenario tests assert on the journal instead, so only errors print.
process.env.LOG_LEVEL ??= 'error';
