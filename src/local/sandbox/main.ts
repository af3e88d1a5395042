/**
 * `npm start`: the app running between emulated Jira Cloud and Bitrix24, on http://localhost:8787 (PORT overrides).
 * One process; the same LocalPlatform the scenario tests use, on wall-clock time that settling may skip forward.
 * `--runtime service` (or SANDBOX_RUNTIME=service) runs the self-hosted service instead, against an on-premise
 * portal with offline events (../service-runtime/platform.ts), behind the same routes.
 */
// First: Atlassian's @forge/api captures the global fetch when it loads, and it must capture the runtime's.
import '../forge/globals';
import { SandboxClock } from '../contracts';
import { LocalPlatform } from '../platform';
import { seedApp } from '../seed-app';
import { ServicePlatform } from '../service-runtime/platform';
import { createSandboxServer, listen } from './server';
import type { SandboxTargets } from './routes';
import { warmUi } from './ui/routes';

export type Runtime = 'forge' | 'service';

/** `--runtime <forge|service>` or `--runtime=<…>` wins over SANDBOX_RUNTIME; anything else is refused. */
export function runtimeFrom(argv: readonly string[], env: NodeJS.ProcessEnv): Runtime {
  const at = argv.findIndex((a) => a === '--runtime' || a.startsWith('--runtime='));
  const flag = at < 0 ? undefined : (argv[at]?.split('=')[1] ?? argv[at + 1]);
  const chosen = flag ?? env.SANDBOX_RUNTIME ?? 'forge';
  if (chosen !== 'forge' && chosen !== 'service')
    throw new Error(`unknown sandbox runtime "${chosen}": choose --runtime forge or --runtime service`);
  return chosen;
}

async function createPlatform(runtime: Runtime, origin: string): Promise<SandboxTargets> {
  // Jira search trails writes by seconds on a real site ("the majority of modifications are shown within seconds").
  const jiraLimits = { searchLagMs: Number(process.env.JIRA_SEARCH_LAG_MS ?? 2000) };
  if (runtime === 'service') return ServicePlatform.create({ clock: new SandboxClock(), origin, jiraLimits });
  return LocalPlatform.create({ clock: new SandboxClock(), webtriggerBaseUrl: origin, seedApp, jiraLimits });
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8787);
  const origin = `http://localhost:${port}`;
  const runtime = runtimeFrom(process.argv.slice(2), process.env);
  const platform = await createPlatform(runtime, origin);
  const server = createSandboxServer(platform, () => origin);
  const bound = await listen(server, port, process.env.HOST ?? '127.0.0.1');
  const info = platform.info();
  warmUi();
  console.log(
    [
      `Bitrix24 Sync sandbox on http://localhost:${bound} (runtime: ${info.runtime})`,
      `  page:          http://localhost:${bound}/`,
      `  app's pages:   http://localhost:${bound}/ui/settings?project=${info.jira.projectKey}  and  /ui/issue/<KEY>  (?as=<e-mail>&locale=en-US|ru-RU)`,
      `  Jira REST:     http://localhost:${bound}/jira/rest/api/3/…  (Basic auth: a seeded e-mail and any token)`,
      `  Bitrix24 REST: ${info.b24.users[0]?.webhookUrl ?? `http://localhost:${bound}/b24/rest/<userId>/<secret>`}/<method>`,
      `  scripting:     /__sandbox/info, /__sandbox/settle, /__sandbox/stats, /__sandbox/faults, /__sandbox/reset, /__sandbox/invoke`,
    ].join('\n'),
  );
  const stop = (): void => {
    server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
