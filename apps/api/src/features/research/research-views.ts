import type { ResearchAgencyView, ResearchAskedView, ResearchItemView, ResearchTrackerView } from '@caseroom/contracts';
import type { AgendaItem, Compartment, Conference, ResearchRequest } from '@caseroom/domain';
import type { NamedAgency } from './research-scope';

export function toAgencyView(request: ResearchRequest, agencyName: string, lastRemindedAt: Date | null): ResearchAgencyView {
  return {
    requestId: request.id,
    agencyId: request.agencyId,
    agencyName,
    requestedAt: request.requestedAt.toISOString(),
    returnedAt: request.returnedAt?.toISOString() ?? null,
    lastRemindedAt: lastRemindedAt?.toISOString() ?? null,
  };
}

/** Names and dates only: what each agency holds is read through the case's compartments. */
export function toTrackerView(input: {
  conference: Conference;
  agenda: readonly AgendaItem[];
  admitted: ReadonlySet<string>;
  requests: readonly ResearchRequest[];
  invited: readonly NamedAgency[];
  names: ReadonlyMap<string, string>;
  reminded: ReadonlyMap<string, Date>;
}): ResearchTrackerView {
  const { conference, agenda, admitted, requests, invited, names, reminded } = input;
  const items: ResearchItemView[] = agenda.map((item, index) => {
    const isSteppedOut = !admitted.has(item.id);
    const agencies = isSteppedOut
      ? []
      : requests
          .filter((request) => request.caseId === item.caseId)
          .map((request) => toAgencyView(request, names.get(request.agencyId) ?? '', reminded.get(request.id) ?? null))
          .sort((a, b) => a.agencyName.localeCompare(b.agencyName));
    return {
      itemId: item.id,
      position: index + 1,
      reference: isSteppedOut ? null : item.reference,
      caseId: isSteppedOut ? null : item.caseId,
      isSteppedOut,
      agencies,
    };
  });
  return {
    conferenceId: conference.id,
    title: conference.title,
    scheduledAt: conference.scheduledAt.toISOString(),
    status: conference.status,
    invitedAgencies: invited,
    items,
  };
}

export function toAskedView(input: {
  request: ResearchRequest;
  conference: Conference;
  reference: string;
  agencyName: string;
  returnedByName: string | null;
  withheld: string | null;
  writable: readonly Compartment[];
}): ResearchAskedView {
  const { request, conference } = input;
  return {
    requestId: request.id,
    conferenceId: conference.id,
    conferenceTitle: conference.title,
    scheduledAt: conference.scheduledAt.toISOString(),
    caseId: request.caseId,
    reference: input.reference,
    agencyName: input.agencyName,
    requestedAt: request.requestedAt.toISOString(),
    returnedAt: request.returnedAt?.toISOString() ?? null,
    returnedByName: input.returnedByName,
    withheld: input.withheld,
    writable: input.writable,
  };
}
