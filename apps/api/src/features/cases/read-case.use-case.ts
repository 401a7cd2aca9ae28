import { Injectable } from '@nestjs/common';
import type { CaseSummaryView, CaseView, CompartmentView } from '@caseroom/contracts';
import { DomainError, type Actor, type Compartment } from '@caseroom/domain';
import { CaseRepository, ConferenceRepository, CounterAllegationRepository } from '@caseroom/persistence';
import { RecentSecondFactor } from '../../shared/recent-second-factor';
import { CaseAccess, type OpenCase } from './case-access';
import { loadCompartment } from './case-views';

@Injectable()
export class ReadCase {
  constructor(
    private readonly access: CaseAccess,
    private readonly cases: CaseRepository,
    private readonly counterAllegations: CounterAllegationRepository,
    private readonly recentSecondFactor: RecentSecondFactor,
    private readonly conferences: ConferenceRepository,
  ) {}

  /** The case projected for this person, each compartment read written to the access log. */
  async whole(actor: Actor, caseId: string): Promise<CaseView> {
    const open = await this.access.open(actor, caseId);
    // The victim's side asks for a recent second factor outside a live conference (decision 0029): without
    // one it is withheld from the whole case, neither read nor logged, and the answer says so.
    const withheld: Compartment[] =
      open.admitted.includes('victim') && !(await this.recentSecondFactor.isFresh(actor)) && !(await this.inLiveConference(actor, caseId))
        ? ['victim']
        : [];
    const read = open.admitted.filter((compartment) => !withheld.includes(compartment));
    const views = await Promise.all(read.map((compartment) => loadCompartment(this.cases, caseId, compartment)));
    await this.access.record(
      actor,
      caseId,
      read.map((compartment) => ({ compartment, action: 'read', reason: this.reasonOf(open, compartment) })),
      { atVersion: open.policyVersion },
    );
    const { record } = open;
    return {
      id: record.id,
      reference: record.reference,
      status: record.status,
      admitted: open.admitted,
      ...(open.admitted.includes('panel') ? { structure: await this.structure(open) } : {}),
      compartments: Object.fromEntries(views.map((view) => [view.compartment, view])),
      ...(withheld.length > 0 ? { withheldUntilStepUp: withheld } : {}),
    };
  }

  /** Whether the person takes part in an open conference whose agenda lists the case: the live room's own gate then applies. */
  private async inLiveConference(actor: Actor, caseId: string): Promise<boolean> {
    for (const conferenceId of await this.conferences.openConferencesListing(caseId)) {
      const conference = await this.conferences.findById(conferenceId);
      if (!conference) continue;
      if ([conference.chairId, conference.coordinatorId, ...conference.invitedIds].includes(actor.userId)) return true;
    }
    return false;
  }

  async compartment(actor: Actor, caseId: string, compartment: Compartment): Promise<CompartmentView> {
    const open = await this.access.openCompartment(actor, caseId, compartment, 'read');
    // Outside a live conference the victim's side asks for a recent second factor (decision 0029);
    // after the policy, so that an attempt it refuses is traced as one.
    if (compartment === 'victim') await this.recentSecondFactor.require(actor);
    const view = await loadCompartment(this.cases, caseId, compartment);
    await this.access.record(actor, caseId, [{ compartment, action: 'read', reason: open.reason }], { atVersion: open.policyVersion });
    return view;
  }

  /** Cases this person can see at all, by neutral reference: no content, so nothing to log. */
  async list(actor: Actor): Promise<CaseSummaryView[]> {
    const summaries: CaseSummaryView[] = [];
    for (const record of await this.cases.listAll()) {
      try {
        const open = await this.access.open(actor, record.id);
        summaries.push({ id: record.id, reference: record.reference, status: record.status, admitted: open.admitted });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
    return summaries;
  }

  private async structure(open: OpenCase): Promise<CaseView['structure']> {
    const { record } = open;
    const [repeatOf, counterAllegations] = await Promise.all([
      record.repeatOfCaseId ? this.cases.findById(record.repeatOfCaseId) : null,
      this.counterAllegations.receivedDates(record.id),
    ]);
    return {
      referralGround: record.referralGround,
      referredOn: record.referredOn,
      referringAgencyId: record.referringAgencyId,
      isRepeat: record.repeatOfCaseId !== null,
      repeatOfReference: repeatOf?.reference ?? null,
      agencyIds: record.agencyIds,
      investigatingForceId: record.investigatingForceId,
      suspect: { forceId: record.suspect.forceId, unitId: record.suspect.unitId, isPublicProtection: record.suspect.isPublicProtection },
      policeConnected: { suspect: true, victim: record.victimWorkplace !== null },
      counterAllegations: { count: counterAllegations.length, receivedOn: counterAllegations },
    };
  }

  private reasonOf(open: OpenCase, compartment: Compartment): string {
    return open.decisions[compartment].reason;
  }
}
