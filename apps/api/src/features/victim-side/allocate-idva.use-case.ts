import { Injectable } from '@nestjs/common';
import type { AllocateIdvaBody, IdvaAllocationView } from '@caseroom/contracts';
import { invalid, type Actor } from '@caseroom/domain';
import { IdvaAllocationRepository, PersonRepository } from '@caseroom/persistence';
import { allocationNeedsReason, victimSideCompartments } from '@caseroom/policy';
import { LiveEvents } from '../../shared/live-events';
import { CaseAccess } from '../cases/case-access';
import { IdvaProposals } from './idva-proposals';
import { toAllocationView } from './victim-side-views';

const compartment = victimSideCompartments.idvaAllocation;

/**
 * The coordinator allocates the IDVA who speaks for the victim. The choice is checked against the
 * proposal made now: an IDVA who could not take the case is refused, and choosing anyone but the one
 * proposed needs a reason. The IDVA's service joins the case, so the policy admits its IDVA.
 */
@Injectable()
export class AllocateIdva {
  constructor(
    private readonly access: CaseAccess,
    private readonly proposals: IdvaProposals,
    private readonly allocations: IdvaAllocationRepository,
    private readonly people: PersonRepository,
    private readonly live: LiveEvents,
  ) {}

  async execute(actor: Actor, caseId: string, body: AllocateIdvaBody): Promise<IdvaAllocationView> {
    const open = await this.access.openCompartment(actor, caseId, compartment, 'write');
    const forCase = await this.proposals.forCase(open);
    const { proposal } = forCase;
    const chosen = proposal.eligible.find(
      (candidate) => candidate.viewer.userId === body.idvaId && candidate.viewer.agencyId === body.serviceId,
    );
    if (!chosen)
      throw invalid('That IDVA cannot speak for the victim on this case.', [
        { path: 'body.idvaId', message: 'must be an IDVA of the service chosen who can take this case' },
      ]);
    const isTheProposal = !allocationNeedsReason(proposal.proposed, body);
    if (!isTheProposal && body.reason === null)
      throw invalid('Say why this IDVA was chosen.', [
        { path: 'body.reason', message: 'say why, when choosing other than the IDVA proposed' },
      ]);
    const { allocation, hasJoinedCase } = await this.allocations.allocate({
      caseId,
      serviceId: body.serviceId,
      idvaId: body.idvaId,
      proposedServiceId: proposal.proposed?.serviceId ?? null,
      proposedIdvaId: proposal.proposed?.idvaId ?? null,
      basis: isTheProposal ? proposal.proposed!.basis : null,
      concerns: proposal.services.find((service) => service.serviceId === body.serviceId)!.concerns,
      reason: body.reason,
      allocatedBy: actor.userId,
    });
    await this.access.record(actor, caseId, [{ compartment, action: 'write', reason: open.reason }], { atVersion: open.policyVersion });
    // The service joined the case's agencies: every instance decides its sockets again before this returns.
    if (hasJoinedCase) await this.live.publish({ kind: 'case-changed', caseId });
    const names = new Map([
      [chosen.viewer.userId, chosen.name],
      [body.serviceId, forCase.services.get(body.serviceId)?.name ?? ''],
      ...(await this.people.namesOf([actor.userId])).map((person) => [person.id, person.name] as const),
    ]);
    return toAllocationView(allocation, names);
  }
}
