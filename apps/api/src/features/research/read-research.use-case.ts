import { Injectable } from '@nestjs/common';
import type { ResearchAskedView, ResearchTrackerView } from '@caseroom/contracts';
import { compartments, DomainError, isParticipant, notFound, type Actor, type Conference, type ResearchRequest } from '@caseroom/domain';
import { ConferenceRepository, PersonRepository, ResearchRepository } from '@caseroom/persistence';
import { decide } from '@caseroom/policy';
import { CaseAccess, type OpenCase } from '../cases/case-access';
import { ConferenceAccess } from '../conferences/conference-access';
import { ResearchScope } from './research-scope';
import { toAskedView, toTrackerView } from './research-views';

export const researchNotFound = () => notFound('The research request');

/**
 * Research as each side sees it. The coordinator's tracker: per agenda case, which agencies returned and
 * which are outstanding, by name and date. An agency member's list: the cases their agency is asked to
 * research, only where the policy admits them to the case.
 */
@Injectable()
export class ReadResearch {
  constructor(
    private readonly research: ResearchRepository,
    private readonly conferences: ConferenceRepository,
    private readonly conferenceAccess: ConferenceAccess,
    private readonly caseAccess: CaseAccess,
    private readonly scope: ResearchScope,
    private readonly people: PersonRepository,
  ) {}

  async tracker(actor: Actor, conferenceId: string): Promise<ResearchTrackerView> {
    const conference = await this.conferenceAccess.forOrganiser(actor, conferenceId);
    const [agenda, requests, invited, names] = await Promise.all([
      this.conferences.agenda(conferenceId),
      this.research.forConference(conferenceId),
      this.scope.askedBy(conference),
      this.scope.names(),
    ]);
    const [compartmentsByItem, reminded] = await Promise.all([
      this.conferenceAccess.admittedForItems(actor.userId, agenda),
      this.research.lastRemindedAt(requests.map((request) => request.id)),
    ]);
    const admitted = new Set(agenda.filter((item) => (compartmentsByItem.get(item.id) ?? []).length > 0).map((item) => item.id));
    return toTrackerView({ conference, agenda, admitted, requests, invited, names, reminded });
  }

  /** The research the person's agency is asked for in conferences they take part in, before those close. */
  async mine(actor: Actor): Promise<ResearchAskedView[]> {
    return this.asked(actor, await this.research.forAgencyBeforeClosing(actor.agencyId));
  }

  /** One request of the person's agency; the same 404 whether it does not exist or is not theirs to see. */
  async one(actor: Actor, requestId: string): Promise<ResearchAskedView> {
    const request = await this.research.findById(requestId);
    const [view] = request && request.agencyId === actor.agencyId ? await this.asked(actor, [request]) : [];
    if (!view) throw researchNotFound();
    return view;
  }

  /**
   * The requests this person may see: in conferences they take part in, not yet closed, on cases the
   * policy admits them to (a case they are stepped out of leaves no trace). The note of what was withheld is case content:
   * shown only to those admitted to the panel compartment, and its reading is access-logged.
   */
  private async asked(actor: Actor, requests: readonly ResearchRequest[]): Promise<ResearchAskedView[]> {
    const conferences = await this.participating(actor, requests);
    const cases = await this.openCases(
      actor,
      requests.filter((request) => conferences.has(request.conferenceId)),
    );
    const visible = requests.filter((request) => conferences.has(request.conferenceId) && cases.has(request.caseId));
    const [names, returners] = await Promise.all([
      this.scope.names(),
      this.people.namesOf(visible.flatMap((request) => (request.returnedBy ? [request.returnedBy] : []))),
    ]);
    const today = this.caseAccess.today();
    const views = visible.map((request) => {
      const open = cases.get(request.caseId)!;
      return toAskedView({
        request,
        conference: conferences.get(request.conferenceId)!,
        reference: open.record.reference,
        agencyName: names.get(request.agencyId) ?? '',
        returnedByName: returners.find((person) => person.id === request.returnedBy)?.name ?? null,
        withheld: open.admitted.includes('panel') ? request.withheld : null,
        writable: compartments.filter((compartment) => decide(open.viewer, open.subject, compartment, { today, action: 'write' }).admitted),
      });
    });
    await this.logWithheldReads(actor, views, cases);
    return views;
  }

  private async participating(actor: Actor, requests: readonly ResearchRequest[]): Promise<Map<string, Conference>> {
    const ids = [...new Set(requests.map((request) => request.conferenceId))];
    const found = await Promise.all(ids.map((id) => this.conferences.findById(id)));
    return new Map(
      found
        .filter(
          (conference): conference is Conference =>
            conference !== null && conference.status !== 'closed' && isParticipant(conference, actor.userId),
        )
        .map((conference) => [conference.id, conference]),
    );
  }

  /** Each case of these requests that the person is admitted to, decided as every case route decides. */
  private async openCases(actor: Actor, requests: readonly ResearchRequest[]): Promise<Map<string, OpenCase>> {
    const caseIds = [...new Set(requests.map((request) => request.caseId))];
    const opened = await Promise.all(caseIds.map((caseId) => this.caseAccess.open(actor, caseId).catch(steppedOut)));
    return new Map(opened.filter((open): open is OpenCase => open !== null).map((open) => [open.record.id, open]));
  }

  private async logWithheldReads(actor: Actor, views: readonly ResearchAskedView[], cases: ReadonlyMap<string, OpenCase>): Promise<void> {
    const caseIds = [...new Set(views.filter((view) => view.withheld !== null).map((view) => view.caseId))];
    for (const caseId of caseIds) {
      const open = cases.get(caseId)!;
      await this.caseAccess.record(actor, caseId, [{ compartment: 'panel', action: 'read', reason: open.decisions.panel.reason }], {
        atVersion: open.policyVersion,
      });
    }
  }
}

/** A case the person may not see is left out, as if it were not there; other failures are not. */
function steppedOut(error: unknown): null {
  if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
  throw error;
}
