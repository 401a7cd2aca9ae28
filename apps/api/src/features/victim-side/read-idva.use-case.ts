import { Injectable } from '@nestjs/common';
import type { CaseIdvaView, IdvaProposalView } from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { AgencyRepository, IdvaAllocationRepository, PersonRepository } from '@caseroom/persistence';
import { victimSideCompartments } from '@caseroom/policy';
import { CaseAccess } from '../cases/case-access';
import { IdvaProposals } from './idva-proposals';
import { toAllocationView, toProposalView } from './victim-side-views';

const compartment = victimSideCompartments.idvaAllocation;

/** Who speaks for the victim, for the victim compartment's audience; and, for the coordinator, whom Caseroom proposes. */
@Injectable()
export class ReadIdva {
  constructor(
    private readonly access: CaseAccess,
    private readonly allocations: IdvaAllocationRepository,
    private readonly agencies: AgencyRepository,
    private readonly people: PersonRepository,
    private readonly proposals: IdvaProposals,
  ) {}

  async allocation(actor: Actor, caseId: string): Promise<CaseIdvaView> {
    const open = await this.access.openCompartment(actor, caseId, compartment, 'read');
    const allocation = await this.allocations.currentFor(caseId);
    await this.access.record(actor, caseId, [{ compartment, action: 'read', reason: open.reason }], { atVersion: open.policyVersion });
    if (!allocation) return { allocation: null };
    const [service, people] = await Promise.all([
      this.agencies.findById(allocation.serviceId),
      this.people.namesOf([allocation.idvaId, allocation.allocatedBy]),
    ]);
    const names = new Map([...people.map((person) => [person.id, person.name] as const), [allocation.serviceId, service?.name ?? '']]);
    return { allocation: toAllocationView(allocation, names) };
  }

  /** Whether the victim works for a force is hers to tell: the proposal is read as the victim compartment is. */
  async proposal(actor: Actor, caseId: string): Promise<IdvaProposalView> {
    const open = await this.access.openCompartment(actor, caseId, compartment, 'read');
    const view = toProposalView(await this.proposals.forCase(open));
    await this.access.record(actor, caseId, [{ compartment, action: 'read', reason: open.reason }], { atVersion: open.policyVersion });
    return view;
  }
}
