import { Injectable } from '@nestjs/common';
import { admittedCompartments } from '@caseroom/policy';
import { DomainError, isParticipant, notFound, type Actor, type AgendaItem, type Compartment, type Conference } from '@caseroom/domain';
import { ConferenceRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { CaseAccess } from '../cases/case-access';

/**
 * Preparing a conference (its invitations and agenda) ends when it opens: from then on the chair runs it
 * in the live room. `what` says what no longer changes, e.g. "Invitations change".
 */
export function requireScheduled(conference: Conference, what: string): void {
  if (conference.status !== 'scheduled')
    throw new DomainError('CONFLICT', `${what} only before the conference opens; once it is open, the chair runs it in the live room.`);
}

/** Who takes part in a conference, and what of each agenda item they may receive. */
@Injectable()
export class ConferenceAccess {
  constructor(
    private readonly conferences: ConferenceRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly caseAccess: CaseAccess,
  ) {}

  /** The conference, for a participant; the same 404 as a conference that does not exist otherwise. */
  async forParticipant(actor: Pick<Actor, 'userId'>, conferenceId: string): Promise<Conference> {
    const conference = await this.conferences.findById(conferenceId);
    if (!conference || !isParticipant(conference, actor.userId)) throw notFound('The conference');
    return conference;
  }

  async forChair(actor: Actor, conferenceId: string): Promise<Conference> {
    const conference = await this.forParticipant(actor, conferenceId);
    if (conference.chairId !== actor.userId) throw new DomainError('FORBIDDEN', 'Only the chair of this conference can do this.');
    return conference;
  }

  async forOrganiser(actor: Actor, conferenceId: string): Promise<Conference> {
    const conference = await this.forParticipant(actor, conferenceId);
    if (conference.chairId !== actor.userId && conference.coordinatorId !== actor.userId) {
      throw new DomainError('FORBIDDEN', 'Only the chair or coordinator of this conference can do this.');
    }
    return conference;
  }

  /** For each agenda item, the compartments this person may receive; none means stepped out. */
  async admittedForItems(userId: string, items: readonly Pick<AgendaItem, 'id' | 'caseId'>[]): Promise<Map<string, Compartment[]>> {
    // One policy version for every decision here; each case decided once, however many items list it.
    const inputs = await this.policyInputs.snapshot();
    const viewer = await inputs.viewer(userId);
    if (!viewer) return new Map(items.map((item) => [item.id, []]));
    const today = this.caseAccess.today();
    const caseIds = [...new Set(items.map((item) => item.caseId))];
    const subjects = await Promise.all(caseIds.map((caseId) => inputs.subject(caseId)));
    const byCase = new Map(
      caseIds.map((caseId, index): [string, Compartment[]] => {
        const subject = subjects[index];
        return [caseId, subject ? admittedCompartments(viewer, subject, { today }) : []];
      }),
    );
    return new Map(items.map((item) => [item.id, byCase.get(item.caseId) ?? []]));
  }
}
