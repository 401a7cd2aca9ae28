import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { LoggerModule } from 'nestjs-pino';
import type { DataSourceOptions } from 'typeorm';
import { PersistenceModule } from '@caseroom/persistence';
import { AccessGuard } from './edge/access.guard';
import { HttpExceptionFilter } from './edge/http-exception.filter';
import { AnswerGate } from './edge/answer-gate';
import { loggerOptions } from './edge/logging';
import { RedisThrottlerStorage } from './edge/redis-throttler-storage';
import { CasesModule } from './features/cases/cases.module';
import { ConferencesModule } from './features/conferences/conferences.module';
import { DecisionsModule } from './features/decisions/decisions.module';
import { DemoModule } from './features/demo/demo.module';
import { HealthModule } from './features/health/health.module';
import { IdentityModule } from './features/identity/identity.module';
import { ExposureModule } from './features/exposure/exposure.module';
import { RefusalWatch } from './features/exposure/refusal-watch.interceptor';
import { LiveModule } from './features/live/live.module';
import { MetricsModule } from './features/metrics/metrics.module';
import { MinutesModule } from './features/minutes/minutes.module';
import { NotificationsModule } from './features/notifications/notifications.module';
import { RetentionModule } from './features/retention/retention.module';
import { OrganisationsModule } from './features/organisations/organisations.module';
import { ResearchModule } from './features/research/research.module';
import { ReferralsModule } from './features/referrals/referrals.module';
import { ReportsModule } from './features/reports/reports.module';
import { RestrictionsModule } from './features/restrictions/restrictions.module';
import { VictimSideModule } from './features/victim-side/victim-side.module';
import { InfrastructureModule, type Runtime } from './infrastructure.module';

export interface AppModuleOptions extends Runtime {
  readonly database: DataSourceOptions;
  readonly logDestination?: NodeJS.WritableStream;
  /** Extra modules, for tests that need a route the application does not have. */
  readonly extraModules?: readonly DynamicModule[];
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { config, redis } = options;
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(options),
        LoggerModule.forRoot(loggerOptions(config, options.logDestination)),
        TypeOrmModule.forRoot(options.database),
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'auth', ttl: 60_000, limit: config.authRateLimitPerMinute }],
          ...(redis ? { storage: new RedisThrottlerStorage(redis as Redis, config.redisPrefix) } : {}),
        }),
        DiscoveryModule,
        PersistenceModule,
        HealthModule,
        IdentityModule,
        OrganisationsModule,
        CasesModule,
        ReferralsModule,
        ConferencesModule,
        DecisionsModule,
        RestrictionsModule,
        ReportsModule,
        VictimSideModule,
        NotificationsModule,
        RetentionModule,
        ResearchModule,
        MinutesModule,
        ExposureModule,
        LiveModule,
        MetricsModule,
        DemoModule,
        ...(options.extraModules ?? []),
      ],
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        { provide: APP_INTERCEPTOR, useClass: AnswerGate },
        { provide: APP_INTERCEPTOR, useClass: RefusalWatch },
      ],
    };
  }
}
