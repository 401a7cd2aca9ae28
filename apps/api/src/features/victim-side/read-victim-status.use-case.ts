import { Injectable } from '@nestjs/common';
import type { VictimStatusView } from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { VictimStatusRepository } from '@caseroom/persistence';
import { victimSideCompartments } from '@caseroom/policy';
import { CaseAccess } from '../cases/case-access';
import { toReleasedView } from './victim-side-views';

const compartment = victimSideCompartments.releasedStatus;

/**
 * What professional standards released for the victim, for the IDVA to pass on (and the rest of the victim
 * compartment's audience). A draft is never read here: only what PSD released.
 */
@Injectable()
export class ReadVictimStatus {
  constructor(
    private readonly access: CaseAccess,
    private readonly statuses: VictimStatusRepository,
  ) {}

  async execute(actor: Actor, caseId: string): Promise<VictimStatusView> {
    const open = await this.access.openCompartment(actor, caseId, compartment, 'read');
    const [current, ...earlier] = (await this.statuses.releasedFor(caseId)).map(toReleasedView);
    await this.access.record(actor, caseId, [{ compartment, action: 'read', reason: open.reason }], { atVersion: open.policyVersion });
    return { current: current ?? null, earlier };
  }
}
