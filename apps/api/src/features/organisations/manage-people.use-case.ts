import { Injectable } from '@nestjs/common';
import type { CreatedUserView, CreateUserBody, UpdateUserBody, UserView } from '@caseroom/contracts';
import { invalid, isPoliceForce, notFound, type Actor, type Agency, type ErrorDetail } from '@caseroom/domain';
import { PersonRepository } from '@caseroom/persistence';
import { generatePassword, PasswordHasher } from '../identity/password-hasher';
import { LiveEvents } from '../../shared/live-events';
import { RevokeSessions } from '../identity/revoke-sessions.use-case';
import { OrganisationRules } from './organisation-rules';

type PoliceDetails = Pick<CreateUserBody, 'staffNumber' | 'rank' | 'lineManagerId'>;

@Injectable()
export class ManagePeople {
  constructor(
    private readonly people: PersonRepository,
    private readonly rules: OrganisationRules,
    private readonly hasher: PasswordHasher,
    private readonly revokeSessions: RevokeSessions,
    private readonly live: LiveEvents,
  ) {}

  list(): Promise<UserView[]> {
    return this.people.listAll();
  }

  async get(userId: string): Promise<UserView> {
    const person = await this.people.findById(userId);
    if (!person) throw notFound('The person');
    return person;
  }

  async create(body: CreateUserBody): Promise<CreatedUserView> {
    const agency = await this.rules.agency(body.agencyId);
    checkPoliceDetails(agency, body, true);
    if (body.unitId !== null) await this.rules.unitOf(agency.id, body.unitId, 'unitId');
    if (body.lineManagerId) await this.rules.lineManager(null, agency.id, body.lineManagerId);
    const initialPassword = generatePassword();
    const person = await this.people.create({
      name: body.name,
      email: body.email,
      agencyId: agency.id,
      unitId: body.unitId,
      roles: body.roles,
      staffNumber: body.staffNumber ?? null,
      rank: body.rank ?? null,
      lineManagerId: body.lineManagerId ?? null,
      passwordHash: await this.hasher.hash(initialPassword),
    });
    return { ...person, initialPassword };
  }

  async update(actor: Actor, userId: string, patch: UpdateUserBody): Promise<UserView> {
    const person = await this.get(userId);
    const agency = await this.rules.existingAgency(person.agencyId);
    checkPoliceDetails(agency, patch, false);
    if (patch.unitId) await this.rules.unitOf(agency.id, patch.unitId, 'unitId');
    if (patch.lineManagerId) await this.rules.lineManager(userId, agency.id, patch.lineManagerId);
    if (patch.isActive === false && actor.userId === userId) {
      throw invalid('You cannot disable your own account.', [{ path: 'body.isActive', message: 'not for yourself' }]);
    }
    await this.people.update(userId, patch);
    // Roles, unit, line manager and being active are all inputs to the access policy.
    await this.live.publish({ kind: 'person-changed', userId });
    if (patch.isActive === false) await this.revokeSessions.ofPerson(actor, userId, 'account-disabled');
    return this.get(userId);
  }
}

/** Staff number, rank and line manager belong to police officers and staff, and police people need the first two. */
function checkPoliceDetails(agency: Agency, details: PoliceDetails, isNew: boolean): void {
  const problems: ErrorDetail[] = [];
  if (isPoliceForce(agency.kind)) {
    if (isNew && !details.staffNumber) problems.push({ path: 'body.staffNumber', message: 'required for police officers and staff' });
    if (isNew && !details.rank) problems.push({ path: 'body.rank', message: 'required for police officers and staff' });
    if (!isNew && details.staffNumber === null)
      problems.push({ path: 'body.staffNumber', message: 'cannot be removed from police officers and staff' });
    if (!isNew && details.rank === null) problems.push({ path: 'body.rank', message: 'cannot be removed from police officers and staff' });
  } else {
    for (const field of ['staffNumber', 'rank', 'lineManagerId'] as const) {
      if (details[field]) problems.push({ path: `body.${field}`, message: 'only for people in a police force' });
    }
  }
  if (problems.length > 0) throw invalid('The police details are not valid for this agency.', problems);
}
