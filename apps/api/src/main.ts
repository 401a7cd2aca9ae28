import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './bootstrap';
import { listenOnSharedPort } from './edge/shared-port';
import { ConfigurationError, loadConfig } from './config/app-config';
import { SeedDemoWorld, type DemoLogin } from './features/demo/seed-demo-world';

/** How long the start waits for live rooms to be served before it says it is ready without them. */
const liveStartTimeoutMs = 10_000;

async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  const caseroom = await createApp(config);
  const { app } = caseroom;
  const logger = new Logger('Caseroom');
  app.enableShutdownHooks();

  logger.log({ database: caseroom.database.description }, 'database migrated');
  if (caseroom.isSingleInstance) {
    logger.warn('REDIS_URL is not set: running as a single instance (live sessions are not shared with other instances)');
  } else {
    logger.log('Redis configured: live sessions are shared between instances through a sealed Redis stream');
  }
  const logins = config.isDemoMode ? await app.get(SeedDemoWorld).ensureSeeded({ withConference: true }) : [];

  // Nest hands the options to the HTTP server's listen as they are (its signature names only a port).
  await listenOnSharedPort(app.getHttpServer() as Server, (options) => app.listen(options as unknown as number), config.port, config.host);
  // REST answers already; live rooms once the relay is registered among the instances and has waited.
  if (!(await caseroom.untilLiveServing(liveStartTimeoutMs))) {
    logger.warn('live rooms are not served yet: the live relay has not registered through Redis; they will be once it has');
  }
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.log({ address, readyInMs: Date.now() - startedAt }, 'Caseroom is ready');
  if (caseroom.metricsUrl) logger.log({ metrics: caseroom.metricsUrl }, 'Prometheus metrics served on their own port');
  if (config.isDemoMode) printDemoBanner(address, logins, caseroom.usesGeneratedSecrets);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log({ signal }, 'shutting down');
    caseroom.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // A promise nobody awaited that failed (a dependency gone, say) is a defect to log, not a reason to
  // take every connection of this instance down with it. Its name and where it was, never its message.
  process.on('unhandledRejection', (reason: unknown) => {
    const error = reason instanceof Error ? reason : null;
    logger.error({ errorName: error?.name ?? typeof reason, stack: error?.stack?.split('\n').slice(1, 8) }, 'unhandled rejection');
  });
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/** The demo banner goes to the terminal, not the log: it is for the person who just ran `npm start`. */
function printDemoBanner(address: string, logins: readonly DemoLogin[], generatedSecrets: boolean): void {
  const lines = [
    '',
    '  Caseroom is running in DEMO MODE.',
    `  Address:        ${address}`,
    `  API documents:  ${address}/api/docs`,
    '  Second factor:  BYPASSED for demo accounts without an authenticator (demo mode only).',
    generatedSecrets ? '  Secrets:        generated for this machine and kept in the data folder.' : '',
    '',
    logins.length > 0
      ? '  Demo logins (generated for this machine; the data folder keeps them):'
      : '  Demo logins: not known (the database was seeded elsewhere).',
    ...logins.map((login) => `    ${login.email.padEnd(38)} ${login.password}   ${login.name}, ${login.note}`),
    '',
  ];
  process.stdout.write(lines.filter((line, index) => line !== '' || index === 0 || lines[index - 1] !== '').join('\n') + '\n');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Caseroom could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
