import type { AreaConcern, CaseSubject, ProposalBasis, ViewerProfile } from '@caseroom/domain';
import { decide } from './decide';

/** An IDVA service and the police forces whose area it covers. */
export interface IdvaServiceArea {
  readonly serviceId: string;
  readonly servesForceIds: readonly string[];
}

export interface IdvaCandidate {
  readonly viewer: ViewerProfile;
  readonly name: string;
  /** Open cases the IDVA speaks for now: the lighter load is proposed first. */
  readonly caseload: number;
}

export interface IdvaProposalInput {
  readonly subject: CaseSubject;
  /** The police force the victim works for, when she does: the case is then police-connected on her side too. */
  readonly victimEmployerForceId: string | null;
  readonly services: readonly IdvaServiceArea[];
  readonly candidates: readonly IdvaCandidate[];
  /** ISO date, for the conflicts `decide()` derives. */
  readonly today: string;
}

export interface ProposedIdva {
  readonly serviceId: string;
  readonly idvaId: string;
  readonly basis: ProposalBasis;
}

export interface IdvaProposal {
  readonly isPoliceConnected: boolean;
  /** Every service, with the areas it is inside of (none: outside them all). */
  readonly services: readonly { readonly serviceId: string; readonly concerns: readonly AreaConcern[] }[];
  /** The IDVAs who could take the case, whatever their area, in the order the proposal ranks them. */
  readonly eligible: readonly IdvaCandidate[];
  readonly proposed: ProposedIdva | null;
}

/** The areas a service is inside of: the suspect's force's, and the victim's employer's when she works for a force. */
export function areaConcernsOf(service: IdvaServiceArea, suspectForceId: string, victimEmployerForceId: string | null): AreaConcern[] {
  const concerns: AreaConcern[] = [];
  if (service.servesForceIds.includes(suspectForceId)) concerns.push('serves_suspect_force');
  if (victimEmployerForceId !== null && service.servesForceIds.includes(victimEmployerForceId))
    concerns.push('serves_victim_employer_force');
  return concerns;
}

/**
 * Whether this person could speak for the victim on the case: an active IDVA of an IDVA service whom
 * `decide()` would admit to write the victim compartment once their service joins the case. A person
 * linked to the suspect is never proposed, and never allocated.
 */
export function mayTakeCase(candidate: ViewerProfile, subject: CaseSubject, today: string): boolean {
  if (!candidate.isActive || !candidate.roles.includes('idva') || candidate.agencyKind !== 'idva_service') return false;
  const joined = subject.memberAgencyIds.includes(candidate.agencyId)
    ? subject
    : { ...subject, memberAgencyIds: [...subject.memberAgencyIds, candidate.agencyId] };
  return decide(candidate, joined, 'victim', { today, action: 'write' }).admitted;
}

/** Lightest caseload first, then by name and id, so that the same world always gives the same proposal. */
function byLoad(first: IdvaCandidate, second: IdvaCandidate): number {
  if (first.caseload !== second.caseload) return first.caseload - second.caseload;
  if (first.name !== second.name) return first.name < second.name ? -1 : 1;
  return first.viewer.userId < second.viewer.userId ? -1 : first.viewer.userId > second.viewer.userId ? 1 : 0;
}

/**
 * The IDVA Caseroom proposes for a case. The suspect is always police, and the local IDVA service works
 * beside the suspect's colleagues: an IDVA from outside the suspect's force area is preferred for every
 * victim. For a victim who works for a police force it is required, and her employer's area is avoided too:
 * when no such IDVA can take the case nobody is proposed, and whoever the coordinator picks needs a reason.
 */
export function proposeIdva(input: IdvaProposalInput): IdvaProposal {
  const isPoliceConnected = input.victimEmployerForceId !== null;
  const services = [...new Map(input.services.map((service) => [service.serviceId, service])).values()].map((service) => ({
    serviceId: service.serviceId,
    concerns: areaConcernsOf(service, input.subject.suspect.forceId, input.victimEmployerForceId),
  }));
  const concernsOf = new Map(services.map((service) => [service.serviceId, service.concerns]));
  const eligible = input.candidates
    .filter((candidate) => concernsOf.has(candidate.viewer.agencyId) && mayTakeCase(candidate.viewer, input.subject, input.today))
    .sort(byLoad);
  const outside = eligible.filter((candidate) => concernsOf.get(candidate.viewer.agencyId)!.length === 0);
  const choose = (candidate: IdvaCandidate, basis: ProposalBasis): ProposedIdva => ({
    serviceId: candidate.viewer.agencyId,
    idvaId: candidate.viewer.userId,
    basis,
  });
  let proposed: ProposedIdva | null = null;
  if (outside.length > 0) proposed = choose(outside[0], isPoliceConnected ? 'outside_both_force_areas' : 'outside_suspect_force_area');
  else if (!isPoliceConnected && eligible.length > 0) proposed = choose(eligible[0], 'none_outside_suspect_force_area');
  return { isPoliceConnected, services, eligible, proposed };
}

/**
 * Whether the coordinator must say why they chose this IDVA: whenever it is not the one proposed (or
 * nobody was). Following the proposal records the proposal's own basis, so every allocation says why.
 */
export function allocationNeedsReason(
  proposed: ProposedIdva | null,
  chosen: { readonly serviceId: string; readonly idvaId: string },
): boolean {
  return proposed === null || proposed.serviceId !== chosen.serviceId || proposed.idvaId !== chosen.idvaId;
}
