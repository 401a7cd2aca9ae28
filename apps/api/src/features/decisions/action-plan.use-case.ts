import { Inject, Injectable } from '@nestjs/common';
import type { ActionView, OutstandingActionsView, RecordActionBody, ReportOnActionBody } from '@caseroom/contracts';
import { DomainError, invalid, mayReportOn, notFound, type Actor, type Clock, type Compartment, type ErrorDetail } from '@caseroom/domain';
import { ActionRepository, AgencyRepository, ConferenceRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { decide } from '@caseroom/policy';
import { CLOCK } from '../../shared/clock';
import { LivePublisher } from '../../shared/live-publisher';
import { CaseAccess } from '../cases/case-access';
import { ConferenceAccess } from '../conferences/conference-access';
import { toActionView } from './action-views';
import { ChairOnCase } from './chair-on-case';

/**
 * The MARAC action plan: the chair records actions during the conference; the owning agency reports
 * on them afterwards; what is still open comes up when the case is next heard.
 */
@Injectable()
export class ActionPlan {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly chair: ChairOnCase,
    private readonly actions: ActionRepository,
    private readonly agencies: AgencyRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly caseAccess: CaseAccess,
    private readonly conferences: ConferenceRepository,
    private readonly conferenceAccess: ConferenceAccess,
    private readonly publisher: LivePublisher,
  ) {}

  async record(actor: Actor, caseId: string, body: RecordActionBody): Promise<ActionView> {
    const grant = await this.chair.require(actor, body.conferenceId, caseId, body.compartment);
    await this.checkOwner(body, grant.subject.memberAgencyIds, caseId);
    const action = await this.actions.create({
      caseId,
      conferenceId: body.conferenceId,
      compartment: body.compartment,
      text: body.text,
      ownerAgencyId: body.ownerAgencyId,
      ownerUserId: body.ownerUserId,
      dueOn: body.dueOn,
      createdBy: actor.userId,
    });
    await this.caseAccess.record(actor, caseId, [{ compartment: body.compartment, action: 'write', reason: grant.reason }]);
    return this.announce(action.id);
  }

  /** A dated report by the owning agency (or whoever runs conferences), and the status it leaves. */
  async report(actor: Actor, caseId: string, actionId: string, body: ReportOnActionBody): Promise<ActionView> {
    const action = await this.actions.findById(actionId);
    if (!action || action.caseId !== caseId) throw notFound('The action');
    const open = await this.caseAccess.openCompartment(actor, caseId, action.compartment, 'write');
    const runsConferences = actor.roles.includes('chair') || actor.roles.includes('coordinator');
    if (!runsConferences && !mayReportOn(action, actor))
      throw new DomainError('FORBIDDEN', 'Only the owning agency, the chair or the coordinator can report on this action.');
    await this.actions.report(action, { status: body.status, note: body.note, byId: actor.userId, at: this.clock.now() });
    await this.caseAccess.record(actor, caseId, [{ compartment: action.compartment, action: 'write', reason: open.reason }]);
    return this.announce(actionId);
  }

  async list(actor: Actor, caseId: string): Promise<ActionView[]> {
    const open = await this.caseAccess.open(actor, caseId);
    const visible = (await this.actions.forCase(caseId)).filter((action) => open.admitted.includes(action.compartment));
    await this.logReads(actor, caseId, visible, (compartment) => open.decisions[compartment].reason);
    return visible.map((action) => toActionView(action, this.caseAccess.today()));
  }

  /** Incomplete actions from earlier meetings, for each agenda item the person is not stepped out of. */
  async outstanding(actor: Actor, conferenceId: string): Promise<OutstandingActionsView[]> {
    await this.conferenceAccess.forParticipant(actor, conferenceId);
    const agenda = await this.conferences.agenda(conferenceId);
    const views: OutstandingActionsView[] = [];
    for (const item of agenda) {
      const open = await this.caseAccess.open(actor, item.caseId).catch(stepsOut);
      if (!open) continue;
      const actions = (await this.actions.incompleteFromEarlier([item.caseId], conferenceId)).filter((action) =>
        open.admitted.includes(action.compartment),
      );
      if (actions.length === 0) continue;
      await this.logReads(actor, item.caseId, actions, (compartment) => open.decisions[compartment].reason);
      views.push({
        itemId: item.id,
        reference: item.reference,
        caseId: item.caseId,
        actions: actions.map((action) => toActionView(action, this.caseAccess.today())),
      });
    }
    return views;
  }

  private async checkOwner(body: RecordActionBody, memberAgencyIds: readonly string[], caseId: string): Promise<void> {
    const problems: ErrorDetail[] = [];
    if (!memberAgencyIds.includes(body.ownerAgencyId) || !(await this.agencies.findById(body.ownerAgencyId)))
      problems.push({ path: 'body.ownerAgencyId', message: 'is not an agency of this case' });
    if (body.ownerUserId) {
      const [owner, subject] = await Promise.all([this.policyInputs.viewer(body.ownerUserId), this.policyInputs.subject(caseId)]);
      const isAdmitted = !!owner && !!subject && decide(owner, subject, body.compartment, { today: this.caseAccess.today() }).admitted;
      if (!owner || owner.agencyId !== body.ownerAgencyId || !isAdmitted)
        problems.push({ path: 'body.ownerUserId', message: 'must be someone of the owning agency who may see this compartment' });
    }
    if (problems.length > 0) throw invalid('The action is not valid.', problems);
  }

  private async announce(actionId: string): Promise<ActionView> {
    const action = (await this.actions.findById(actionId))!;
    const view = toActionView(action, this.caseAccess.today());
    this.publisher.toCompartment(action.caseId, action.compartment, 'action.changed', {
      caseId: action.caseId,
      compartment: action.compartment,
      action: view,
    });
    return view;
  }

  private async logReads(
    actor: Actor,
    caseId: string,
    actions: readonly { compartment: Compartment }[],
    reason: (compartment: Compartment) => string,
  ): Promise<void> {
    const compartments = [...new Set(actions.map((action) => action.compartment))];
    await this.caseAccess.record(
      actor,
      caseId,
      compartments.map((compartment) => ({ compartment, action: 'read' as const, reason: reason(compartment) })),
    );
  }
}

/** A case the person may not see is left out of their list, as if it were not there; other failures are not. */
function stepsOut(error: unknown): null {
  if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
  throw error;
}
