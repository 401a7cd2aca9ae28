import { Inject, Injectable } from '@nestjs/common';
import { clocksOf, WorkingDays, type Restriction, type RestrictionClock, type ReviewClocks } from '@caseroom/domain';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

/** The restriction clocks of this deployment, counted on the England and Wales working-day calendar. */
@Injectable()
export class RestrictionClocks {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    readonly calendar: WorkingDays,
  ) {}

  get settings(): ReviewClocks {
    return this.config.reviewClocks;
  }

  /** The clocks running today, the most urgent first. */
  running(restriction: Restriction, today: string): RestrictionClock[] {
    return clocksOf(restriction, today, this.config.reviewClocks, this.calendar).sort(
      (first, second) => first.workingDaysLeft - second.workingDaysLeft,
    );
  }
}
