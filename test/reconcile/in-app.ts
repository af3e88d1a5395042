/**
 * Runs app code inside the local Forge runtime, as one invocation of a function: the composed deps reach the
 * platform's KVS, queues and emulators exactly as the deployed handlers do.
 */
import type { AppDeps } from '../../src/app/deps';
import { keys } from '../../src/app/store/keys';
import { composeApp } from '../../src/entry/composition';
import { runInvocation } from '../../src/local/forge/context';
import type { JsonValue } from '../../src/ports/store';
import type { World } from '../scenarios/harness';

export function inApp<T>(w: World, fn: (deps: AppDeps) => Promise<T>, functionKey = 'migration-fn'): Promise<T> {
  return runInvocation({ host: w.platform.runtime, functionKey }, () => fn(composeApp({ test: true })));
}

/** Unpairs DEMO while `act` runs, so people can create entities the app never hears about (then pairs it again). */
export async function whileUnpaired(w: World, act: () => Promise<void>): Promise<void> {
  const projectKey = w.platform.seed.jiraProjectKey;
  const config = w.platform.kvs.peek(keys.projectConfig(projectKey)) as JsonValue;
  await inApp(w, (deps) => deps.kv.delete(keys.projectConfig(projectKey)));
  await act();
  // Jira redelivers nothing for an unpaired project: its events reach the trigger now and are dropped there.
  await w.settle();
  await inApp(w, (deps) => deps.kv.set(keys.projectConfig(projectKey), config));
}

/** Bitrix24 never retries a delivery: with every delivery dropped, the app never hears of what `act` does there. */
export async function withB24EventsLost(w: World, act: () => Promise<void>): Promise<void> {
  w.platform.setFaults({ seed: 7, dropEvents: 1 });
  await act();
  await w.settle();
  w.platform.setFaults({});
}

export const writes = (w: World): number => {
  const s = w.platform.stats();
  return s.jira.writes + s.b24.writes;
};

export const reads = (w: World): number => {
  const s = w.platform.stats();
  return s.jira.reads + s.b24.reads;
};
