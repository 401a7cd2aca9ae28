import { Logger as NestLogger, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { Logger } from 'nestjs-pino';
import type { Clock } from '@caseroom/domain';
import { migrate, openDatabase, type OpenDatabase } from '@caseroom/persistence';
import { repairStoredNotes } from './features/notes/repair-stored-notes';
import { CaseroomSocketAdapter, FrameGate } from '@caseroom/realtime';
import { AppModule } from './app.module';
import { liveOutcomes, unconfirmedHeader } from './shared/live-outcome';
import type { AppConfig } from './config/app-config';
import { resolveSecrets } from './config/local-secrets';
import { completeApiDocument } from './edge/api-document';
import { useJsonBodies } from './edge/body-parsing';
import { requestContext } from './edge/request-context';
import { requestMetrics } from './edge/request-metrics';
import { securityHeaders } from './edge/security-headers';
import { assertEveryRouteDeclared, collectRoutes, type RouteEntry } from './edge/route-table';
import { serveWebClient } from './edge/web-client';
import { serveMetrics, type MetricsServer } from './features/metrics/metrics-server';
import { systemClock } from './shared/clock';
import { Metrics } from './shared/metrics';
import { connectRedis } from './shared/redis';

export const globalPrefix = 'api';
export const unprefixedPaths = ['/health'];

export interface CreateAppOptions {
  readonly clock?: Clock;
  readonly logDestination?: NodeJS.WritableStream;
  readonly extraModules?: readonly DynamicModule[];
  /** Skips the start-up refusal of undeclared routes, so a test can show the guard refusing one too. */
  readonly allowUndeclaredRoutes?: boolean;
}

export interface CaseroomApp {
  readonly app: INestApplication;
  readonly database: OpenDatabase;
  readonly routes: readonly RouteEntry[];
  readonly isSingleInstance: boolean;
  readonly usesGeneratedSecrets: boolean;
  /** Where Prometheus scrapes this instance, when METRICS_PORT is set; never on the public port. */
  readonly metricsUrl: string | null;
  /**
   * Resolves with true once live rooms are served: at once without Redis; with it, once the relay is
   * registered among the instances and has waited (decision 0033), a second or two. False after the timeout.
   */
  untilLiveServing(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export function allowedOrigins(config: AppConfig): string[] {
  if (config.corsOrigins) return [...config.corsOrigins];
  const origins = [`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`];
  if (config.publicUrl) origins.unshift(new URL(config.publicUrl).origin);
  return origins;
}

/** Builds the whole application: used by `main.ts` and by the end-to-end tests alike. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<CaseroomApp> {
  const secrets = await resolveSecrets(config);
  const database = await openDatabase(
    config.database.url !== null
      ? { kind: 'postgres', url: config.database.url, poolSize: config.database.poolSize }
      : { kind: 'embedded', dataDir: join(config.dataDir, 'pgdata') },
  );
  const redis: Redis | null = connectRedis(config.redisUrl);
  let app: INestApplication | null = null;
  let metricsServer: MetricsServer | null = null;
  const close = async () => {
    await metricsServer?.close();
    await app?.close();
    await database.close();
    if (redis) await redis.quit().catch(() => redis.disconnect());
  };
  try {
    await migrate(database, repairStoredNotes);
    app = await NestFactory.create(
      AppModule.forRoot({
        config,
        database: database.options,
        jwtSecret: secrets.jwtSecret,
        dataKey: secrets.dataEncryptionKey,
        redis,
        clock: options.clock ?? systemClock,
        logDestination: options.logDestination,
        extraModules: options.extraModules,
      }),
      { bufferLogs: true, bodyParser: false, abortOnError: false },
    );
    app.useLogger(app.get(Logger));
    const metrics = app.get(Metrics);
    configureHttp(app, config, metrics);
    const live = new CaseroomSocketAdapter(app, {
      redis,
      allowedOrigins: allowedOrigins(config),
      prefix: config.redisPrefix,
      relaySecret: secrets.dataEncryptionKey,
      gate: app.get(FrameGate),
      onRelayLag: (seconds) => metrics.relayStreamLag.observe(seconds),
    });
    app.useWebSocketAdapter(live);
    await app.init();
    const routes = collectRoutes(app, globalPrefix, unprefixedPaths);
    if (!options.allowUndeclaredRoutes) assertEveryRouteDeclared(routes);
    if (config.metrics.port !== null) metricsServer = await serveMetrics(metrics, config.metrics.host, config.metrics.port);
    return {
      app,
      database,
      routes,
      isSingleInstance: redis === null,
      usesGeneratedSecrets: secrets.generated,
      metricsUrl: metricsServer?.url ?? null,
      untilLiveServing: (timeoutMs) => live.untilServing(timeoutMs),
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

function configureHttp(app: INestApplication, config: AppConfig, metrics: Metrics): void {
  const express = app.getHttpAdapter().getInstance() as { set(key: string, value: unknown): void; disable(key: string): void };
  express.set('trust proxy', config.trustProxy);
  express.disable('x-powered-by');
  app.use(requestMetrics(metrics));
  app.use(requestContext);
  app.use(liveOutcomes);
  app.use(securityHeaders(config, `/${globalPrefix}/docs`));
  serveWebClient(app, config.webDir, [`/${globalPrefix}`, '/socket.io', ...unprefixedPaths]);
  app.enableCors({ origin: allowedOrigins(config), credentials: false, exposedHeaders: ['X-Request-Id', unconfirmedHeader] });
  useJsonBodies(app, config.bodyLimitBytes);
  app.setGlobalPrefix(globalPrefix, { exclude: ['health/live', 'health/ready'] });

  const document = completeApiDocument(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Caseroom API')
        .setDescription('Multi-agency case conferences for police-perpetrated domestic abuse.')
        .setVersion('1')
        .addBearerAuth()
        .build(),
    ),
  );
  SwaggerModule.setup(`${globalPrefix}/docs`, app, document, { jsonDocumentUrl: `${globalPrefix}/docs/openapi.json` });
  new NestLogger('Bootstrap').debug('HTTP edge configured');
}
