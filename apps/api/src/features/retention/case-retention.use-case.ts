import { Inject, Injectable } from '@nestjs/common';
import type { CaseRetentionView, LegalHoldBody } from '@caseroom/contracts';
import { conflict, DomainError, erasureDueDates, retentionKinds, type Actor, type Clock } from '@caseroom/domain';
import { PersonRepository, RetentionRepository } from '@caseroom/persistence';
import { decideLegalHold, decideRetentionRead } from '@caseroom/policy';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CLOCK } from '../../shared/clock';
import { CaseAccess } from '../cases/case-access';

/**
 * A case's retention (decision 0031): when each kind of its records falls due for erasure, and the legal
 * hold that stops the sweep. Whoever may not see the case gets its 404; whoever sees it but is not
 * responsible for its retention gets a 403.
 */
@Injectable()
export class CaseRetention {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: CaseAccess,
    private readonly retention: RetentionRepository,
    private readonly people: PersonRepository,
  ) {}

  async read(actor: Actor, caseId: string): Promise<CaseRetentionView> {
    const open = await this.access.open(actor, caseId);
    const context = { today: this.access.today() };
    if (!decideRetentionRead(open.viewer, open.subject, context).admitted)
      throw new DomainError('FORBIDDEN', 'Only coordinators, chairs and professional standards see when a case is erased.');
    const [closedOn, erasures, hold] = await Promise.all([
      this.retention.closedOn(caseId),
      this.retention.erasuresOf(caseId),
      this.retention.activeHold(caseId),
    ]);
    const periods = this.config.retention.periods;
    const due = erasureDueDates(closedOn, periods);
    return {
      caseId,
      closedOn,
      kinds: retentionKinds.map((kind) => ({
        kind,
        days: periods[kind],
        dueOn: due[kind],
        erasedAt: erasures.find((erasure) => erasure.kind === kind)?.erasedAt.toISOString() ?? null,
      })),
      hold: hold
        ? { reason: hold.reason, setByName: (await this.people.findById(hold.setBy))?.name ?? '', setAt: hold.setAt.toISOString() }
        : null,
      canManageHold: decideLegalHold(open.viewer, open.subject, context).admitted,
    };
  }

  async setHold(actor: Actor, caseId: string, { reason }: LegalHoldBody): Promise<CaseRetentionView> {
    await this.checkMayHold(actor, caseId);
    await this.retention.setHold(caseId, reason, actor.userId, this.clock.now());
    return this.read(actor, caseId);
  }

  async releaseHold(actor: Actor, caseId: string, { reason }: LegalHoldBody): Promise<CaseRetentionView> {
    await this.checkMayHold(actor, caseId);
    if (!(await this.retention.releaseHold(caseId, reason, actor.userId, this.clock.now())))
      throw conflict('The case is not under a legal hold.');
    return this.read(actor, caseId);
  }

  private async checkMayHold(actor: Actor, caseId: string): Promise<void> {
    const open = await this.access.open(actor, caseId);
    if (!decideLegalHold(open.viewer, open.subject, { today: this.access.today() }).admitted)
      throw new DomainError(
        'FORBIDDEN',
        "Only a coordinator or professional standards of the suspect's force set or release a legal hold.",
      );
  }
}
