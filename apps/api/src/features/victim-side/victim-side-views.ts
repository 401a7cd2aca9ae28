import type { IdvaAllocationView, IdvaProposalView, ReleasedStatusView, VictimContactView } from '@caseroom/contracts';
import type { IdvaAllocation, VictimContact, VictimStatus } from '@caseroom/domain';
import type { ProposalForCase } from './idva-proposals';

/** Names by id, for people and agencies; someone no longer found reads as "someone". */
export type Names = ReadonlyMap<string, string>;
const nameIn = (names: Names, id: string) => names.get(id) ?? 'someone';

export const toAllocationView = (allocation: IdvaAllocation, names: Names): IdvaAllocationView => ({
  serviceId: allocation.serviceId,
  serviceName: nameIn(names, allocation.serviceId),
  idvaId: allocation.idvaId,
  idvaName: nameIn(names, allocation.idvaId),
  allocatedAt: allocation.allocatedAt.toISOString(),
  allocatedByName: nameIn(names, allocation.allocatedBy),
  followedProposal: allocation.basis !== null,
  basis: allocation.basis,
  concerns: allocation.concerns,
  reason: allocation.reason,
});

/** The proposal, and everyone who could be chosen instead, service by service; services nobody could take the case from are left out. */
export function toProposalView({ proposal, services }: ProposalForCase): IdvaProposalView {
  return {
    isPoliceConnected: proposal.isPoliceConnected,
    proposed: proposal.proposed,
    services: proposal.services.flatMap(({ serviceId, concerns }) => {
      const idvas = proposal.eligible
        .filter((candidate) => candidate.viewer.agencyId === serviceId)
        .map((candidate) => ({ idvaId: candidate.viewer.userId, name: candidate.name, caseload: candidate.caseload }));
      return idvas.length === 0 ? [] : [{ serviceId, name: services.get(serviceId)?.name ?? '', concerns, idvas }];
    }),
  };
}

export const toContactView = (contact: VictimContact, names: Names): VictimContactView => ({
  id: contact.id,
  contactedOn: contact.contactedOn,
  method: contact.method,
  safeContact: contact.safeContact,
  said: contact.said,
  agreed: contact.agreed,
  recordedByName: nameIn(names, contact.recordedBy),
  recordedAt: contact.recordedAt.toISOString(),
});

/** A released status, as the IDVA passes it on: the words and when PSD released them. */
export const toReleasedView = (status: VictimStatus): ReleasedStatusView => ({
  id: status.id,
  text: status.text,
  releasedAt: status.releasedAt!.toISOString(),
});
