import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { AccessLogRepository } from '@caseroom/persistence';
import { Metrics } from '../../shared/metrics';

/** Hands what the libraries observe (they know nothing of Prometheus) to the instruments that count it. */
@Injectable()
export class MetricsWiring implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly accessLog: AccessLogRepository,
  ) {}

  onModuleInit(): void {
    this.accessLog.onGroupCommit(({ appends, rows }) => {
      this.metrics.accessLogCommitAppends.observe(appends);
      this.metrics.accessLogCommitRows.observe(rows);
    });
  }
}

/**
 * Metrics for Prometheus. They are served on their own listener (metrics-server.ts), never on the
 * public port, so this module declares no route.
 */
@Module({ providers: [MetricsWiring] })
export class MetricsModule {}
