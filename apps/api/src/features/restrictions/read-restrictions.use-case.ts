import { Injectable } from '@nestjs/common';
import type { PpdaAuditLineView, RestrictionEventView, RestrictionView } from '@caseroom/contracts';
import { byUrgency, DomainError, isActive, notFound, type Actor, type Restriction, type ViewerProfile } from '@caseroom/domain';
import { ActionRepository, CaseRepository, PersonRepository, PolicyInputsRepository, RestrictionRepository } from '@caseroom/persistence';
import { mayReadRegister } from '@caseroom/policy';
import { CaseAccess } from '../cases/case-access';
import { RestrictionAccess } from './restriction-access';
import { RestrictionClocks } from './restriction-clocks';
import { toRestrictionEventView, toRestrictionView } from './restriction-views';

/** PSD's queue, one restriction's history, and the per-force register and audit for PSD and the IOPC. */
@Injectable()
export class ReadRestrictions {
  constructor(
    private readonly access: RestrictionAccess,
    private readonly restrictions: RestrictionRepository,
    private readonly cases: CaseRepository,
    private readonly actions: ActionRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly caseAccess: CaseAccess,
    private readonly clocks: RestrictionClocks,
    private readonly people: PersonRepository,
  ) {}

  /**
   * Requests and restrictions in force that this person may act on: their own force's, minus any case
   * they are linked to. The most overdue come first, then the soonest due.
   */
  async queue(actor: Actor): Promise<RestrictionView[]> {
    const viewer = await this.viewerOf(actor);
    const open = await this.restrictions.openForForce(viewer.agencyId);
    const mine: Restriction[] = [];
    for (const restriction of open) if (await this.access.mayManage(viewer, restriction.caseId)) mine.push(restriction);
    return (await this.viewsLogged(actor, mine, "professional standards of the suspect's force")).sort(byUrgency);
  }

  /** One restriction and its whole history, each step with the name of who took it. */
  async one(actor: Actor, restrictionId: string): Promise<{ restriction: RestrictionView; events: RestrictionEventView[] }> {
    const open = await this.access.read(actor, restrictionId);
    await this.caseAccess.record(actor, open.restriction.caseId, [{ compartment: 'standards', action: 'read', reason: open.reason }]);
    const [reference, events] = await Promise.all([this.referenceOf(open.restriction.caseId), this.restrictions.events(restrictionId)]);
    const names = new Map(
      (await this.people.namesOf([...new Set(events.map((event) => event.byId))])).map((person) => [person.id, person.name]),
    );
    const today = this.caseAccess.today();
    return {
      restriction: toRestrictionView(open.restriction, reference, today, this.clocks.running(open.restriction, today)),
      events: events.map((event) => ({ ...toRestrictionEventView(event), byName: names.get(event.byId) ?? 'Someone' })),
    };
  }

  /** Restrictions in force in one force, with conditions and next reviews. */
  async register(actor: Actor, forceId: string): Promise<RestrictionView[]> {
    const viewer = await this.registerReader(actor, forceId);
    const active = (await this.restrictions.openForForce(forceId)).filter(isActive);
    const readable: Restriction[] = [];
    for (const restriction of active) if ((await this.access.mayRead(viewer, restriction.caseId)).admitted) readable.push(restriction);
    return this.viewsLogged(actor, readable, 'register of duty restrictions');
  }

  /** The audit of live PPDA cases the 2022 joint report asked chief constables for. */
  async audit(actor: Actor, forceId: string): Promise<PpdaAuditLineView[]> {
    const viewer = await this.registerReader(actor, forceId);
    const today = this.caseAccess.today();
    const live = (await this.cases.listAll()).filter((record) => record.suspect.forceId === forceId && record.status !== 'closed');
    const lines: PpdaAuditLineView[] = [];
    for (const record of live) {
      const decision = await this.access.mayRead(viewer, record.id);
      if (!decision.admitted) continue;
      const admitted = await this.access.admittedCompartments(viewer, record.id);
      const [restrictions, actions] = await Promise.all([this.restrictions.forCase(record.id), this.actions.forCase(record.id)]);
      await this.caseAccess.record(actor, record.id, [{ compartment: 'standards', action: 'read', reason: decision.reason }]);
      lines.push({
        caseId: record.id,
        reference: record.reference,
        status: record.status,
        restrictions: restrictions.map(({ kind, status, nextReviewOn }) => ({ kind, status, nextReviewOn })),
        overdueReviews: restrictions.filter((restriction) => isActive(restriction) && (restriction.nextReviewOn ?? today) < today).length,
        // Counted, not shown, and only where the reader is admitted: a count is content too.
        overdueActions: actions.filter(
          (action) => admitted.includes(action.compartment) && action.status === 'open' && action.dueOn < today,
        ).length,
      });
    }
    return lines;
  }

  private async registerReader(actor: Actor, forceId: string): Promise<ViewerProfile> {
    const viewer = await this.viewerOf(actor);
    if (!mayReadRegister(viewer, forceId))
      throw new DomainError('FORBIDDEN', "Only the force's professional standards and the IOPC can read its register.");
    return viewer;
  }

  private async viewerOf(actor: Actor): Promise<ViewerProfile> {
    const viewer = await this.policyInputs.viewer(actor.userId);
    if (!viewer) throw notFound('The person');
    return viewer;
  }

  private async viewsLogged(actor: Actor, restrictions: readonly Restriction[], reason: string): Promise<RestrictionView[]> {
    const today = this.caseAccess.today();
    const views: RestrictionView[] = [];
    for (const restriction of restrictions) {
      await this.caseAccess.record(actor, restriction.caseId, [{ compartment: 'standards', action: 'read', reason }]);
      views.push(
        toRestrictionView(restriction, await this.referenceOf(restriction.caseId), today, this.clocks.running(restriction, today)),
      );
    }
    return views;
  }

  private async referenceOf(caseId: string): Promise<string> {
    return (await this.cases.referenceOf(caseId)) ?? '';
  }
}
