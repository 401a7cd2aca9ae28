import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { uuid } from '@caseroom/contracts';
import type { AccessChannel, Clock, Compartment, Refusal, RefusedAttempt } from '@caseroom/domain';
import { ExposureRepository, GroupCommit, PolicyInputsRepository } from '@caseroom/persistence';
import { decide, decideCase } from '@caseroom/policy';
import { describeError } from '../../edge/error-response';
import { CLOCK } from '../../shared/clock';
import { ExposureAlerts } from './exposure-alerts';

export interface RefusedTry {
  readonly personId: string;
  /** The case id as it was tried: it may name no case at all. */
  readonly target: string;
  readonly channel: AccessChannel;
  readonly attempt: RefusedAttempt;
  /** The compartments the attempt was on, when it named some; the whole case otherwise. */
  readonly compartments?: readonly Compartment[];
}

/** The longest id kept as tried: anything longer is cut (it is not a case id). */
const longestAttempted = 80;

/**
 * Writes every refusal on a case to the chained trace and hands it to the alerts. It never changes
 * what the refused person receives: it is told after their answer is decided, does its work apart
 * from it (nothing is awaited on their path, so neither a delay nor a failure of the trace can show),
 * and decides afresh, from the policy, why they were refused: a refusal the policy would not make
 * (a missing entry in a case they are admitted to) is not one.
 */
@Injectable()
export class RefusalTrace implements OnModuleDestroy {
  private readonly logger = new Logger(RefusalTrace.name);
  private readonly commits: GroupCommit<Refusal, void>;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly exposure: ExposureRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly alerts: ExposureAlerts,
  ) {
    this.commits = new GroupCommit<Refusal, void>(async (refusals) => {
      await this.exposure.appendRefusals(refusals);
      return refusals.map(() => undefined);
    });
  }

  /** Notes a refused try; returns at once. */
  note(refused: RefusedTry): void {
    this.record(refused).catch((error: unknown) =>
      this.logger.warn({ ...describeError(error), personId: refused.personId, channel: refused.channel }, 'a refusal was not traced'),
    );
  }

  /** The same, for a caller that wants to know when it is written (tests, and the minutes' own refusals). */
  async record(refused: RefusedTry): Promise<Refusal | null> {
    const refusal = await this.decide(refused);
    if (!refusal) return null;
    const at = this.clock.now();
    await this.commits.submit(refusal);
    await this.alerts.consider(refusal, at);
    return refusal;
  }

  async onModuleDestroy(): Promise<void> {
    await this.commits.drain();
  }

  private async decide(refused: RefusedTry): Promise<Refusal | null> {
    const snapshot = await this.policyInputs.snapshot();
    const subject = uuid.safeParse(refused.target).success ? await snapshot.subject(refused.target) : null;
    if (!subject)
      return {
        personId: refused.personId,
        caseId: null,
        attempted: refused.target.slice(0, longestAttempted),
        channel: refused.channel,
        attempt: 'guess',
        reason: 'no-such-case',
      };
    const viewer = await snapshot.viewer(refused.personId);
    if (!viewer) return null;
    const today = this.clock.now().toISOString().slice(0, 10);
    const whole = decideCase(viewer, subject, { today });
    const denied = whole.admitted
      ? (refused.compartments ?? [])
          .map((compartment) => decide(viewer, subject, compartment, { today }))
          .find((decision) => !decision.admitted)
      : whole;
    if (!denied) return null;
    return {
      personId: refused.personId,
      caseId: subject.caseId,
      attempted: null,
      channel: refused.channel,
      attempt: refused.attempt,
      reason: denied.reason,
    };
  }
}
