import { Injectable } from '@nestjs/common';
import type { DecisionView, SupersedeDecisionBody } from '@caseroom/contracts';
import { nextStatus, whenBasisSuperseded, type AccessChannel, type Actor, type Restriction } from '@caseroom/domain';
import { DecisionAnnouncements } from './decision-announcements';
import { DecisionChecks } from './decision-checks';
import { DecisionLedger, type Correction } from './decision-ledger';
import { toDecisionView } from './decision-views';

export interface SupersedeDecisionInput {
  readonly actor: Actor;
  readonly caseId: string;
  readonly decisionId: string;
  readonly body: SupersedeDecisionBody;
  readonly channel: AccessChannel;
}

/**
 * A correction: a new decision that replaces an earlier one, with the reason; the earlier one stays.
 * A duty restriction the earlier decision asked for and PSD has not applied is withdrawn with it, in
 * the same transaction. One already in force stays in force (lifting takes reasons and two people from
 * professional standards), and PSD is asked to review it.
 */
@Injectable()
export class SupersedeDecision {
  constructor(
    private readonly checks: DecisionChecks,
    private readonly ledger: DecisionLedger,
    private readonly announcements: DecisionAnnouncements,
  ) {}

  async execute({ actor, caseId, decisionId, body, channel }: SupersedeDecisionInput): Promise<DecisionView> {
    const earlier = await this.ledger.toCorrect(caseId, decisionId);
    const grant = await this.checks.require(actor, caseId, body, earlier.decision.compartment);
    const correction: Correction = { decisionId, reason: body.reason, withdraw: withdrawal(earlier.restriction, actor) };
    const { decision, restriction, withdrawn } = await this.ledger.append(actor, caseId, body, { grant, correction, channel });
    const view = toDecisionView(decision, { supersededById: null, restriction });
    await this.announcements.recorded(view, restriction);
    if (withdrawn) this.announcements.withdrawn(withdrawn);
    else if (earlier.restriction && whenBasisSuperseded(earlier.restriction) === 'ask-for-review')
      await this.announcements.basisSuperseded(earlier.restriction);
    return view;
  }
}

function withdrawal(restriction: Restriction | null, actor: Actor): Correction['withdraw'] {
  if (!restriction || whenBasisSuperseded(restriction) !== 'withdraw') return null;
  return { restriction, to: nextStatus(restriction, 'withdrawn', actor.userId) };
}
