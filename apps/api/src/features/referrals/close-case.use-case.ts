import { Injectable } from '@nestjs/common';
import type { SubmittedReferralView } from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CaseJourneyRepository } from '@caseroom/persistence';
import { CaseAccess } from '../cases/case-access';
import { CaseJourney } from '../cases/case-journey';

/** The coordinator confirms that a heard case is closed: refused while any of its actions is open. */
@Injectable()
export class CloseCase {
  constructor(
    private readonly access: CaseAccess,
    private readonly journeys: CaseJourneyRepository,
    private readonly journey: CaseJourney,
  ) {}

  async execute(actor: Actor, caseId: string): Promise<SubmittedReferralView> {
    const open = await this.access.openCompartment(actor, caseId, 'panel', 'write');
    const accessLog = await this.access.entries(actor, caseId, [{ compartment: 'panel', action: 'write', reason: open.reason }], {
      atVersion: open.policyVersion,
    });
    const openActions = await this.journeys.openActions(caseId);
    const { to } = await this.journey.take(caseId, { kind: 'close', openActions }, actor.userId, { accessLog });
    return { id: caseId, reference: open.record.reference, status: to };
  }
}
