/**
 * `global.__forge_runtime__` as `@forge/api` reads it (out/api/runtime.js, out/webTrigger.js): the app context that
 * `getAppContext()` reports, the installation's context ARI, the remaining time of the invocation, and the metrics
 * sink the SDK times its calls with (a no-op here).
 */
import type { Invocation } from './context';
import type { ForgeManifest } from './manifest';

/** Fixed ids: one app, one environment, one installation, as a single `forge install` gives. */
const ENVIRONMENT_ID = '00000000-0000-4000-8000-00000000e0e0';
const INSTALLATION_ID = '00000000-0000-4000-8000-0000000011a0';

const noopTimer = { stop: (): void => undefined };
const metrics = {
  counter: () => ({ incr: (): void => undefined, decr: (): void => undefined }),
  timing: () => ({ measure: () => noopTimer }),
  gauge: () => ({ set: (): void => undefined }),
};

export function runtimeGlobal(manifest: ForgeManifest, contextAri: string, invocation: Invocation | undefined): object {
  const appId = manifest.appId.replace(/^ari:cloud:ecosystem::app\//, '');
  const budget = invocation?.budget;
  return {
    appContext: {
      appId,
      appVersion: '1.0.0',
      environmentId: ENVIRONMENT_ID,
      environmentType: 'DEVELOPMENT',
      invocationId: `local-${invocation?.functionKey ?? 'setup'}`,
      installationId: INSTALLATION_ID,
      moduleKey: invocation?.moduleKey ?? invocation?.functionKey ?? '',
      permissions: manifest.permissions,
    },
    contextAri,
    lambdaContext: { getRemainingTimeInMillis: () => budget?.remainingMs() ?? Number.POSITIVE_INFINITY },
    metrics,
    tracing: { traceId: 'local', spanId: 'local' },
  };
}
