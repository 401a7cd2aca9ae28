import { Injectable } from '@nestjs/common';
import type { VictimStatus } from '@caseroom/domain';
import { CaseRepository, IdvaAllocationRepository } from '@caseroom/persistence';
import { victimSideCompartments } from '@caseroom/policy';
import { Notifier } from '../notifications/notifier';
import { Recipients } from '../notifications/recipients';

/**
 * Tells the IDVA allocated to the case that PSD released a new status for the victim: the kind and the
 * case's neutral reference, never the words (the IDVA reads those on the case, as the policy admits them).
 */
@Injectable()
export class VictimStatusNotices {
  constructor(
    private readonly allocations: IdvaAllocationRepository,
    private readonly cases: CaseRepository,
    private readonly recipients: Recipients,
    private readonly notifier: Notifier,
  ) {}

  async released(status: VictimStatus): Promise<void> {
    const [allocation, reference] = await Promise.all([this.allocations.currentFor(status.caseId), this.cases.referenceOf(status.caseId)]);
    if (!allocation) return;
    const idvaId = allocation.idvaId;
    await this.notifier.raise(async (snapshot) =>
      (await this.recipients.admits(snapshot, status.caseId, idvaId, victimSideCompartments.releasedStatus))
        ? [
            {
              recipientId: idvaId,
              kind: 'victim_status_released' as const,
              caseId: status.caseId,
              subjectId: status.id,
              message: `Professional standards released a new status for the victim on ${reference ?? 'a case'}.`,
              dueOn: null,
              dedupeKey: `victim_status_released:${status.id}:${idvaId}`,
            },
          ]
        : [],
    );
  }
}
