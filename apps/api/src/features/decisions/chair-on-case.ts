import { Injectable } from '@nestjs/common';
import { conflict, DomainError, isParticipant, notFound, type Actor, type CaseSubject, type Compartment } from '@caseroom/domain';
import { ConferenceRepository, PersonRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { decide } from '@caseroom/policy';
import { CaseAccess, caseNotFound } from '../cases/case-access';

export interface ChairOnCaseGrant {
  readonly subject: CaseSubject;
  /** Why the policy admits the chair's write, for the access log. */
  readonly reason: string;
  /** Agencies that may give a position or own an action: the case's, and those of the people the conference invited (the IOPC, say). */
  readonly agencyIds: readonly string[];
}

/**
 * Decisions and actions are recorded by the chair of an open conference, on a case on its agenda,
 * and only where the policy lets the chair write the compartment. Each refusal says which of these
 * failed, and comes before anything is written.
 */
@Injectable()
export class ChairOnCase {
  constructor(
    private readonly conferences: ConferenceRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly caseAccess: CaseAccess,
    private readonly people: PersonRepository,
  ) {}

  async require(actor: Actor, conferenceId: string, caseId: string, compartment: Compartment): Promise<ChairOnCaseGrant> {
    const conference = await this.conferences.findById(conferenceId);
    if (!conference || !isParticipant(conference, actor.userId)) throw notFound('The conference');
    if (conference.chairId !== actor.userId)
      throw new DomainError('FORBIDDEN', 'Only the chair of this conference can record its decisions and actions.');
    if (conference.status !== 'open')
      throw conflict(`Decisions and actions are recorded while the conference is open; this one is ${conference.status}.`, [
        { path: 'body.conferenceId', message: `conference is ${conference.status}` },
      ]);
    const agenda = await this.conferences.agenda(conferenceId);
    if (!agenda.some((item) => item.caseId === caseId))
      throw conflict("The case is not on this conference's agenda.", [{ path: 'params.caseId', message: 'not on the agenda' }]);
    const [viewer, subject] = await Promise.all([this.policyInputs.viewer(actor.userId), this.policyInputs.subject(caseId)]);
    if (!viewer || !subject) throw caseNotFound();
    const today = this.caseAccess.today();
    const read = decide(viewer, subject, compartment, { today });
    if (!read.admitted && read.conflict)
      throw new DomainError(
        'FORBIDDEN',
        'You are stepped out of this case because a link to the suspect is recorded, so you cannot record its decisions or actions; a chair without that link must.',
      );
    const write = decide(viewer, subject, compartment, { today, action: 'write' });
    if (!write.admitted) throw new DomainError('FORBIDDEN', `You may not write to the ${compartment} compartment of this case.`);
    const invited = await this.people.namesOf(conference.invitedIds);
    const agencyIds = [...new Set([...subject.memberAgencyIds, ...invited.map((person) => person.agencyId)])];
    return { subject, reason: write.reason, agencyIds };
  }
}
