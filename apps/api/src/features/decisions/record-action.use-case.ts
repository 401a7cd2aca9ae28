import { Injectable } from '@nestjs/common';
import type { ActionView, RecordActionBody } from '@caseroom/contracts';
import type { AccessChannel, Actor } from '@caseroom/domain';
import { ActionRepository } from '@caseroom/persistence';
import { CaseAccess } from '../cases/case-access';
import { CaseJourney } from '../cases/case-journey';
import { ActionAnnouncements } from './action-announcements';
import { ActionChecks } from './action-checks';
import { ChairOnCase } from './chair-on-case';

export interface RecordActionInput {
  readonly actor: Actor;
  readonly caseId: string;
  readonly body: RecordActionBody;
  readonly channel: AccessChannel;
}

/** The chair records an action of the MARAC action plan during the conference, owned by one of the case's agencies. */
@Injectable()
export class RecordAction {
  constructor(
    private readonly chair: ChairOnCase,
    private readonly checks: ActionChecks,
    private readonly actions: ActionRepository,
    private readonly caseAccess: CaseAccess,
    private readonly announcements: ActionAnnouncements,
    private readonly journey: CaseJourney,
  ) {}

  async execute({ actor, caseId, body, channel }: RecordActionInput): Promise<ActionView> {
    const grant = await this.chair.require(actor, body.conferenceId, caseId, body.compartment);
    await this.checks.requireOwner(body, grant.agencyIds, caseId);
    const accessLog = await this.caseAccess.entries(
      actor,
      caseId,
      [{ compartment: body.compartment, action: 'write', reason: grant.reason }],
      { channel },
    );
    const action = await this.actions.create(
      {
        caseId,
        conferenceId: body.conferenceId,
        compartment: body.compartment,
        text: body.text,
        ownerAgencyId: body.ownerAgencyId,
        ownerUserId: body.ownerUserId,
        dueOn: body.dueOn,
        createdBy: actor.userId,
      },
      accessLog,
    );
    await this.journey.actionAgreed(caseId, actor.userId);
    return this.announcements.changed(action.id);
  }
}
