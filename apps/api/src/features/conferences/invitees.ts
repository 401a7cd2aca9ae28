import { Injectable } from '@nestjs/common';
import { invalid, type Actor, type AgendaItem, type ErrorDetail, type Person } from '@caseroom/domain';
import { AgencyRepository, PersonRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { ConferenceAccess } from './conference-access';

export interface InvitationRequest {
  readonly userIds: readonly string[];
  readonly agencyIds: readonly string[];
}

/** Where in the request body each list sits, so that a refusal names the field the caller sent. */
export interface InvitationFields {
  readonly userIds: string;
  readonly agencyIds: string;
}

export interface ResolvedInvitees {
  /** Everyone to invite, named or with their agency; never the chair or the coordinator (they take part anyway). */
  readonly ids: readonly string[];
  /** People of an invited agency left out because they are the suspect of a case on the agenda. */
  readonly leftOutIds: readonly string[];
}

/** An agency's invitation reaches its people who take part in conferences: administrators see no case. */
const takesPart = (person: Person) => person.isActive && person.roles.some((role) => role !== 'administrator');

/**
 * Who an invitation reaches. Named people must be active; the suspect of a case on the agenda is never
 * invited: named, they are refused; with their agency, they are left out.
 */
@Injectable()
export class Invitees {
  constructor(
    private readonly people: PersonRepository,
    private readonly agencies: AgencyRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly access: ConferenceAccess,
  ) {}

  async resolve(
    actor: Actor,
    organisers: { readonly chairId: string; readonly coordinatorId: string },
    request: InvitationRequest,
    agenda: readonly AgendaItem[],
    fields: InvitationFields,
  ): Promise<ResolvedInvitees> {
    const [everyone, agencies, suspects] = await Promise.all([
      this.people.listAll(),
      this.agencies.listAll(),
      this.suspectsOf(actor, agenda),
    ]);
    const active = new Map(everyone.filter((person) => person.isActive).map((person) => [person.id, person]));
    const knownAgencies = new Set(agencies.map((agency) => agency.id));
    const problems: ErrorDetail[] = [];
    request.userIds.forEach((id, index) => {
      const path = `${fields.userIds}.${index}`;
      if (!active.has(id)) problems.push({ path, message: 'no such active person' });
      else if (suspects.has(id)) problems.push({ path, message: suspects.get(id)! });
    });
    request.agencyIds.forEach((id, index) => {
      if (!knownAgencies.has(id)) problems.push({ path: `${fields.agencyIds}.${index}`, message: 'no such agency' });
    });
    if (problems.length > 0) throw invalid('Not everyone named can be invited.', problems);

    const withAgency = everyone.filter((person) => request.agencyIds.includes(person.agencyId) && takesPart(person)).map(({ id }) => id);
    const isOrganiser = (id: string) => id === organisers.chairId || id === organisers.coordinatorId;
    return {
      ids: [...new Set([...request.userIds, ...withAgency.filter((id) => !suspects.has(id))])].filter((id) => !isOrganiser(id)),
      leftOutIds: [...new Set(withAgency.filter((id) => suspects.has(id)))],
    };
  }

  /**
   * The suspects of the agenda's cases, each with why they cannot be invited. The reference is given
   * only to an organiser who may see that item: to anyone else, being a suspect is itself not theirs to know.
   */
  async suspectsOf(actor: Pick<Actor, 'userId'>, agenda: readonly AgendaItem[]): Promise<Map<string, string>> {
    if (agenda.length === 0) return new Map();
    const snapshot = await this.policyInputs.snapshot();
    const [subjects, admitted] = await Promise.all([
      Promise.all(agenda.map((item) => snapshot.subject(item.caseId))),
      this.access.admittedForItems(actor.userId, agenda),
    ]);
    const suspects = new Map<string, string>();
    agenda.forEach((item, index) => {
      const suspectId = subjects[index]?.suspect.userId;
      if (!suspectId || suspects.has(suspectId)) return;
      const isVisible = (admitted.get(item.id) ?? []).length > 0;
      suspects.set(
        suspectId,
        isVisible ? `is the suspect in ${item.reference}, which is on the agenda: never invited` : 'cannot be invited to this conference',
      );
    });
    return suspects;
  }
}
