import { createSecretKey } from 'node:crypto';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { WorkingDays, type Clock } from '@caseroom/domain';
import { FrameGate } from '@caseroom/realtime';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { DATA_KEY, JWT_SECRET } from './features/identity/identity.tokens';
import { englandAndWalesWorkingDays } from './shared/bank-holidays';
import { CLOCK } from './shared/clock';
import { LiveEvents } from './shared/live-events';
import { LivePublisher } from './shared/live-publisher';
import { Metrics } from './shared/metrics';
import { RecentSecondFactor } from './shared/recent-second-factor';
import { REDIS } from './shared/redis';

export interface Runtime {
  readonly config: AppConfig;
  readonly jwtSecret: string;
  readonly dataKey: Buffer;
  readonly redis: object | null;
  readonly clock: Clock;
}

/** Values resolved before the application is built, made injectable everywhere. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(runtime: Runtime): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: runtime.config },
      // A key object made once: given a string, the token library would parse it again on every verification.
      { provide: JWT_SECRET, useValue: createSecretKey(Buffer.from(runtime.jwtSecret, 'utf8')) },
      { provide: DATA_KEY, useValue: runtime.dataKey },
      { provide: REDIS, useValue: runtime.redis },
      { provide: CLOCK, useValue: runtime.clock },
      { provide: WorkingDays, useValue: englandAndWalesWorkingDays },
      // One gate for everything this instance sends; a socket's person is its actor.
      { provide: FrameGate, useValue: new FrameGate((socket) => (socket.data as { actor: { userId: string } }).actor.userId) },
    ];
    return {
      module: InfrastructureModule,
      providers: [...providers, LiveEvents, LivePublisher, Metrics, RecentSecondFactor],
      exports: [...providers.map((provider) => provider.provide), LiveEvents, LivePublisher, Metrics, RecentSecondFactor],
    };
  }
}
