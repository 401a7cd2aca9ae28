import { Injectable } from '@nestjs/common';
import type { SubmittedReferralView, TriageDecisionBody } from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CaseAccess } from '../cases/case-access';
import { CaseJourney } from '../cases/case-journey';
import { ReferralNotices } from './referral-notices';

export interface DecideReferralInput extends TriageDecisionBody {
  readonly actor: Actor;
  readonly caseId: string;
}

/**
 * Triage: the coordinator accepts a referral, or declines it with the reason. The decision is recorded
 * with the case (panel content, like the referral it answers), and the referrer is told the outcome.
 */
@Injectable()
export class DecideReferral {
  constructor(
    private readonly access: CaseAccess,
    private readonly journey: CaseJourney,
    private readonly notices: ReferralNotices,
  ) {}

  async execute({ actor, caseId, outcome, reason }: DecideReferralInput): Promise<SubmittedReferralView> {
    const open = await this.access.openCompartment(actor, caseId, 'panel', 'write');
    const accessLog = await this.access.entries(actor, caseId, [{ compartment: 'panel', action: 'write', reason: open.reason }], {
      atVersion: open.policyVersion,
    });
    const { to } = await this.journey.take(caseId, { kind: outcome === 'accepted' ? 'accept' : 'decline' }, actor.userId, {
      reason,
      accessLog,
    });
    const { record } = open;
    // Whoever registered the referral is its referrer; a coordinator deciding their own needs no notice.
    if (record.createdBy !== actor.userId) await this.notices.decided(caseId, record.reference, outcome, record.createdBy);
    return { id: caseId, reference: record.reference, status: to };
  }
}
