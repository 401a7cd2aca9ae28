import { Injectable } from '@nestjs/common';
import type { ConferenceView, RegisterView } from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { ConferenceRepository, PersonRepository } from '@caseroom/persistence';
import { ConferenceAccess } from './conference-access';
import { toConferenceView } from './conference-views';

@Injectable()
export class ReadConference {
  constructor(
    private readonly conferences: ConferenceRepository,
    private readonly access: ConferenceAccess,
    private readonly people: PersonRepository,
  ) {}

  async one(actor: Pick<Actor, 'userId'>, conferenceId: string): Promise<ConferenceView> {
    const conference = await this.access.forParticipant(actor, conferenceId);
    const agenda = await this.conferences.agenda(conferenceId);
    const compartmentsByItem = await this.access.admittedForItems(actor.userId, agenda);
    const admitted = new Set(agenda.filter((item) => (compartmentsByItem.get(item.id) ?? []).length > 0).map((item) => item.id));
    return toConferenceView(conference, agenda, admitted, await this.conferences.acknowledgedAt(conferenceId, actor.userId));
  }

  /**
   * Every conference the person takes part in, each as `one` would show it. The conferences, their
   * agendas and the person's acknowledgements are three statements whatever their number; the policy's
   * inputs are read at one version, the person once and each case on the agendas once.
   */
  async mine(actor: Actor): Promise<ConferenceView[]> {
    const conferences = await this.conferences.listFor(actor.userId);
    const ids = conferences.map((conference) => conference.id);
    const [agendas, acknowledgements] = await Promise.all([
      this.conferences.agendas(ids),
      this.conferences.acknowledgementsOf(actor.userId, ids),
    ]);
    const items = [...agendas.values()].flat();
    const compartmentsByItem = await this.access.admittedForItems(actor.userId, items);
    const admitted = new Set(items.filter((item) => (compartmentsByItem.get(item.id) ?? []).length > 0).map((item) => item.id));
    return conferences.map((conference) =>
      toConferenceView(conference, agendas.get(conference.id) ?? [], admitted, acknowledgements.get(conference.id) ?? null),
    );
  }

  async register(actor: Actor, conferenceId: string): Promise<RegisterView[]> {
    await this.access.forOrganiser(actor, conferenceId);
    const lines = await this.conferences.register(conferenceId);
    const people = new Map((await this.people.namesOf(lines.map((line) => line.userId))).map((person) => [person.id, person]));
    return lines.map((line) => ({
      userId: line.userId,
      name: people.get(line.userId)?.name ?? '',
      agencyId: people.get(line.userId)?.agencyId ?? '',
      acknowledgedAt: line.acknowledgedAt?.toISOString() ?? null,
      apologies: line.apologies,
      removedAt: line.removedAt?.toISOString() ?? null,
      attendance: line.attendance.map((visit) => ({ joinedAt: visit.joinedAt.toISOString(), leftAt: visit.leftAt?.toISOString() ?? null })),
    }));
  }
}
