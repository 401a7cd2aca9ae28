import { Injectable } from '@nestjs/common';
import { isIopcRelevant, type Restriction } from '@caseroom/domain';
import { CaseRepository, DecisionRepository } from '@caseroom/persistence';
import { Notifier } from '../notifications/notifier';
import { Recipients } from '../notifications/recipients';

/** When PSD declines a request, the chair who recorded it is told, and the IOPC too for the kinds it oversees. */
@Injectable()
export class DeclineNotices {
  constructor(
    private readonly decisions: DecisionRepository,
    private readonly cases: CaseRepository,
    private readonly recipients: Recipients,
    private readonly notifier: Notifier,
  ) {}

  async referenceOf(caseId: string): Promise<string> {
    return (await this.cases.referenceOf(caseId)) ?? 'a case';
  }

  async tell(restriction: Restriction, reference: string): Promise<void> {
    const decision = await this.decisions.findById(restriction.decisionId);
    if (!decision) return;
    await this.notifier.raise(async (snapshot) => {
      const chair = (await this.recipients.admits(snapshot, restriction.caseId, decision.recordedBy, 'panel')) ? [decision.recordedBy] : [];
      const iopc = isIopcRelevant(decision.kind) ? await this.recipients.iopc(snapshot, restriction.caseId) : [];
      return [...new Set([...chair, ...iopc])].map((recipientId) => ({
        recipientId,
        kind: 'restriction_declined' as const,
        caseId: restriction.caseId,
        subjectId: restriction.id,
        message: `Professional standards declined a requested duty restriction on ${reference}.`,
        dueOn: null,
        dedupeKey: `restriction_declined:${restriction.id}:${recipientId}`,
      }));
    });
  }
}
