import { Injectable } from '@nestjs/common';
import type { ActionView, OutstandingActionsView } from '@caseroom/contracts';
import { DomainError, type AccessChannel, type Actor, type Compartment } from '@caseroom/domain';
import { ActionRepository, ConferenceRepository } from '@caseroom/persistence';
import { CaseAccess, type OpenCase } from '../cases/case-access';
import { ConferenceAccess } from '../conferences/conference-access';
import { toActionView } from './action-views';

/**
 * The MARAC action plan as one person may read it: a case's actions, and what is still open from
 * earlier meetings when the case is next heard. Each only in compartments the policy admits; the reads
 * are access-logged.
 */
@Injectable()
export class ReadActions {
  constructor(
    private readonly actions: ActionRepository,
    private readonly caseAccess: CaseAccess,
    private readonly conferences: ConferenceRepository,
    private readonly conferenceAccess: ConferenceAccess,
  ) {}

  async list(actor: Actor, caseId: string): Promise<ActionView[]> {
    const open = await this.caseAccess.open(actor, caseId);
    const visible = (await this.actions.forCase(caseId)).filter((action) => open.admitted.includes(action.compartment));
    await recordActionReads(this.caseAccess, actor, open, visible, 'http');
    return visible.map((action) => toActionView(action, this.caseAccess.today()));
  }

  /** Incomplete actions from earlier meetings, for each agenda item the person is not stepped out of. */
  async outstanding(actor: Actor, conferenceId: string, channel: AccessChannel = 'http'): Promise<OutstandingActionsView[]> {
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
      await recordActionReads(this.caseAccess, actor, open, actions, channel);
      views.push({
        itemId: item.id,
        reference: item.reference,
        caseId: item.caseId,
        actions: actions.map((action) => toActionView(action, this.caseAccess.today())),
      });
    }
    return views;
  }
}

/** A case the person may not see is left out of their list, as if it were not there; other failures are not. */
export function stepsOut(error: unknown): null {
  if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
  throw error;
}

/** The access-log rows of reading these actions of one case, one per compartment. */
export async function recordActionReads(
  caseAccess: CaseAccess,
  actor: Actor,
  open: OpenCase,
  actions: readonly { compartment: Compartment }[],
  channel: AccessChannel,
): Promise<void> {
  const compartments = [...new Set(actions.map((action) => action.compartment))];
  await caseAccess.record(
    actor,
    open.record.id,
    compartments.map((compartment) => ({ compartment, action: 'read' as const, reason: open.decisions[compartment].reason })),
    { channel, atVersion: open.policyVersion },
  );
}
