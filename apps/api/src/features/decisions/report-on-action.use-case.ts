import { Inject, Injectable } from '@nestjs/common';
import type { ActionView, ReportOnActionBody } from '@caseroom/contracts';
import { DomainError, mayReportOn, notFound, type AccessChannel, type Actor, type Clock } from '@caseroom/domain';
import { ActionRepository } from '@caseroom/persistence';
import { CLOCK } from '../../shared/clock';
import { CaseAccess } from '../cases/case-access';
import { ActionAnnouncements } from './action-announcements';

export interface ReportOnActionInput {
  readonly actor: Actor;
  readonly caseId: string;
  readonly actionId: string;
  readonly body: ReportOnActionBody;
  readonly channel: AccessChannel;
}

/** A dated report by the owning agency (or whoever runs conferences), and the status it leaves. */
@Injectable()
export class ReportOnAction {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly actions: ActionRepository,
    private readonly caseAccess: CaseAccess,
    private readonly announcements: ActionAnnouncements,
  ) {}

  async execute({ actor, caseId, actionId, body, channel }: ReportOnActionInput): Promise<ActionView> {
    const action = await this.actions.findById(actionId);
    if (!action || action.caseId !== caseId) throw notFound('The action');
    const open = await this.caseAccess.openCompartment(actor, caseId, action.compartment, 'write');
    const runsConferences = actor.roles.includes('chair') || actor.roles.includes('coordinator');
    if (!runsConferences && !mayReportOn(action, actor))
      throw new DomainError('FORBIDDEN', 'Only the owning agency, the chair or the coordinator can report on this action.');
    const accessLog = await this.caseAccess.entries(
      actor,
      caseId,
      [{ compartment: action.compartment, action: 'write', reason: open.reason }],
      { channel, atVersion: open.policyVersion },
    );
    await this.actions.report(action, { status: body.status, note: body.note, byId: actor.userId, at: this.clock.now() }, accessLog);
    return this.announcements.changed(actionId);
  }
}
