import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { DomainError } from '@caseroom/domain';
import { Public } from '../../edge/route-access';
import { REDIS } from '../../shared/redis';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  /** The process is up. */
  @Get('live')
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The process can serve: its database answers, and Redis too when this instance uses it. */
  @Get('ready')
  @Public()
  async ready(): Promise<HealthCheckResult> {
    const checks: HealthIndicatorFunction[] = [() => this.database.pingCheck('database', { timeout: 2000 })];
    const redis = this.redis;
    if (redis) {
      checks.push(async () => {
        const indicator = this.indicators.check('redis');
        try {
          let timer: NodeJS.Timeout | undefined;
          try {
            await Promise.race([redis.ping(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 2000)))]);
          } finally {
            clearTimeout(timer);
          }
          return indicator.up();
        } catch {
          return indicator.down();
        }
      });
    }
    try {
      return await this.health.check(checks);
    } catch (error) {
      const down = Object.keys((error as { response?: { error?: object } }).response?.error ?? {});
      throw new DomainError(
        'SERVICE_UNAVAILABLE',
        'Not ready.',
        down.map((name) => ({ path: name, message: 'down' })),
      );
    }
  }
}
