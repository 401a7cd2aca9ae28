import { Injectable } from '@nestjs/common';
import type { ActionView } from '@caseroom/contracts';
import { ActionRepository } from '@caseroom/persistence';
import { LivePublisher } from '../../shared/live-publisher';
import { CaseAccess } from '../cases/case-access';
import { toActionView } from './action-views';

/** An action as it now stands, to the room of its compartment only. */
@Injectable()
export class ActionAnnouncements {
  constructor(
    private readonly actions: ActionRepository,
    private readonly caseAccess: CaseAccess,
    private readonly publisher: LivePublisher,
  ) {}

  async changed(actionId: string): Promise<ActionView> {
    const action = (await this.actions.findById(actionId))!;
    const view = toActionView(action, this.caseAccess.today());
    this.publisher.toCompartment(action.caseId, action.compartment, 'action.changed', {
      caseId: action.caseId,
      compartment: action.compartment,
      action: view,
    });
    return view;
  }
}
