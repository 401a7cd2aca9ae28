import { Injectable } from '@nestjs/common';
import { admittedCompartments } from '@caseroom/policy';
import { DomainError, isParticipant, notFound, type Actor, type AgendaItem, type Compartment, type Conference } from '@caseroom/domain';
import { ConferenceRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { CaseAccess } from '../cases/case-access';

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
    const viewer = await this.policyInputs.viewer(userId);
    const today = this.caseAccess.today();
    const entries = await Promise.all(
      items.map(async (item): Promise<[string, Compartment[]]> => {
        const subject = viewer ? await this.policyInputs.subject(item.caseId) : null;
        return [item.id, viewer && subject ? admittedCompartments(viewer, subject, { today }) : []];
      }),
    );
    return new Map(entries);
  }
}
