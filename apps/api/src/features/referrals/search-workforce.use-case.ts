import { Injectable } from '@nestjs/common';
import type { ForceUnitsQuery, ForceUnitView, WorkforceMemberView, WorkforceQuery } from '@caseroom/contracts';
import { invalid, isPoliceForce, notFound, type Person } from '@caseroom/domain';
import { AgencyRepository, PersonRepository, UnitRepository } from '@caseroom/persistence';
import { currentRole } from './submit-referral.use-case';

/** How many people one search answers: enough to pick from, and a nudge to type more. */
const searchLimit = 20;

/**
 * The referrer looks the suspect (or a victim who works for a police force) up in their force's records:
 * people of one police force by name or staff number, each with unit, role, line manager and postings,
 * and the force's units by name. Organisation data, not case content.
 */
@Injectable()
export class SearchWorkforce {
  constructor(
    private readonly agencies: AgencyRepository,
    private readonly units: UnitRepository,
    private readonly people: PersonRepository,
  ) {}

  async execute({ forceId, search }: WorkforceQuery): Promise<WorkforceMemberView[]> {
    await this.requirePoliceForce(forceId);
    return this.views(forceId, await this.people.searchInAgency(forceId, search, searchLimit));
  }

  /** One person of a police force, as a search finds them: a draft names whom it picked by id alone. */
  async member(userId: string): Promise<WorkforceMemberView> {
    const person = await this.people.findById(userId);
    const force = person ? await this.agencies.findById(person.agencyId) : null;
    if (!person || !force || !isPoliceForce(force.kind)) throw notFound('The person');
    return (await this.views(force.id, [person]))[0];
  }

  private async views(forceId: string, found: readonly Person[]): Promise<WorkforceMemberView[]> {
    const [units, managers] = await Promise.all([
      this.units.listByAgency(forceId),
      this.people.namesOf(found.flatMap((person) => (person.lineManagerId ? [person.lineManagerId] : []))),
    ]);
    const unitName = new Map(units.map((unit) => [unit.id, unit.name]));
    const managerName = new Map(managers.map((manager) => [manager.id, manager.name]));
    return found.map((person) => ({
      id: person.id,
      name: person.name,
      forceId,
      rank: person.rank,
      staffNumber: person.staffNumber,
      unit: person.unitId ? { id: person.unitId, name: unitName.get(person.unitId) ?? 'A unit of another force' } : null,
      roleTitle: currentRole(person),
      lineManager: person.lineManagerId ? { id: person.lineManagerId, name: managerName.get(person.lineManagerId) ?? '' } : null,
      postings: person.postings.map((posting) => ({
        unitName: unitName.get(posting.unitId) ?? 'A unit of another force',
        roleTitle: posting.roleTitle,
        startsOn: posting.startsOn,
        endsOn: posting.endsOn,
      })),
    }));
  }

  /** A force's units, for a victim without an account whose unit is typed. */
  async unitsOf({ forceId }: ForceUnitsQuery): Promise<ForceUnitView[]> {
    await this.requirePoliceForce(forceId);
    return (await this.units.listByAgency(forceId)).map(({ id, name }) => ({ id, name }));
  }

  private async requirePoliceForce(forceId: string): Promise<void> {
    const force = await this.agencies.findById(forceId);
    if (!force || !isPoliceForce(force.kind))
      throw invalid('Only a police force can be searched.', [{ path: 'query.forceId', message: 'must be a police force' }]);
  }
}
