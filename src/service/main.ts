/**
 * `npm run serve`: the self-hosted service. Reads its configuration (a bad value stops here with a sentence),
 * starts everything (./service.ts), listens, and on SIGTERM or SIGINT stops in order: no new requests, running
 * jobs finished or returned to the queue, the database closed (PGlite checkpoints on close), exit code 0.
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { ConfigError, loadConfig, type ServiceConfig } from './config';
import { startService, type RunningService } from './service';
import { chosenEngines, chosenJira } from './wiring';

function listen(service: RunningService, config: ServiceConfig): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: service.http.fetch, port: config.port, hostname: config.host }, () =>
      resolve(server),
    ) as Server;
    server.requestTimeout = config.requestTimeoutMs;
    server.headersTimeout = Math.min(config.requestTimeoutMs, 60_000);
    server.once('error', reject);
  });
}

async function announce(service: RunningService, config: ServiceConfig): Promise<void> {
  const log = service.app.log;
  log.info('the service is listening', {
    address: `${config.host}:${config.port}`,
    database: service.db.engine === 'postgres' ? 'postgres (DATABASE_URL)' : 'pglite',
    ...(service.db.engine === 'pglite' ? { dataDir: config.dataDir } : {}),
    adminPage: new URL('/', config.publicUrl).toString(),
    bitrix24Events: new URL('/events/b24', config.publicUrl).toString(),
    jira: service.jira.mode === 'none' ? 'not configured' : service.jira.mode,
    ...(service.jira.mode === 'none' ? {} : { jiraEvents: new URL('/events/jira', config.publicUrl).toString() }),
  });
  if (!(await service.accounts.admin()))
    log.warn('no administrator yet: open the setup page and enter this setup code', {
      setupPage: new URL('/setup', config.publicUrl).toString(),
      setupCode: service.setupCode,
    });
}

/** The first signal stops; later ones (a process group's, a wrapper's relay, an impatient ^C) are not a second stop. */
function onSignals(stop: (signal: string) => void): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      stop(signal);
    });
  }
}

async function main(): Promise<void> {
  let config: ServiceConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`The service cannot start: ${error.message}`);
    process.exit(2);
  }
  const service = await startService({
    config,
    engines: chosenEngines,
    jira: (parts) => chosenJira(config, parts),
  });
  const server = await listen(service, config);
  await announce(service, config);
  onSignals((signal) => {
    service.app.log.info('stopping', { signal });
    server.close();
    server.closeIdleConnections();
    service
      .stop()
      .then(() => {
        service.app.log.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        service.app.log.error('the service did not stop cleanly', { error });
        process.exit(1);
      });
  });
}

main().catch((error: unknown) => {
  console.error(`The service cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
