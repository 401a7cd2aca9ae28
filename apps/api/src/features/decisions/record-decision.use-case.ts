import { Injectable } from '@nestjs/common';
import type { DecisionView, RecordDecisionBody } from '@caseroom/contracts';
import type { AccessChannel, Actor } from '@caseroom/domain';
import { DecisionAnnouncements } from './decision-announcements';
import { DecisionChecks } from './decision-checks';
import { DecisionLedger } from './decision-ledger';
import { toDecisionView } from './decision-views';

export interface RecordDecisionInput {
  readonly actor: Actor;
  readonly caseId: string;
  readonly body: RecordDecisionBody;
  readonly channel: AccessChannel;
}

/**
 * The chair records a decision during the conference. It is appended to the chained record; one that
 * restricts the suspect becomes a request in the queue of their force's professional standards, in
 * the same transaction. Admitted members see it live; PSD is told by reference only.
 */
@Injectable()
export class RecordDecision {
  constructor(
    private readonly checks: DecisionChecks,
    private readonly ledger: DecisionLedger,
    private readonly announcements: DecisionAnnouncements,
  ) {}

  async execute({ actor, caseId, body, channel }: RecordDecisionInput): Promise<DecisionView> {
    const grant = await this.checks.require(actor, caseId, body);
    const { decision, restriction } = await this.ledger.append(actor, caseId, body, { grant, correction: null, channel });
    const view = toDecisionView(decision, { supersededById: null, restriction });
    await this.announcements.recorded(view, restriction);
    return view;
  }
}
