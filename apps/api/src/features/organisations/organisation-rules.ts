import { Injectable } from '@nestjs/common';
import { invalid, notFound, wouldCreateManagementCycle, type Agency, type Unit } from '@caseroom/domain';
import { AgencyRepository, PersonRepository, UnitRepository } from '@caseroom/persistence';

/** Lookups and checks shared by the organisation use cases; each throws a domain error naming the field. */
@Injectable()
export class OrganisationRules {
  constructor(
    private readonly agencies: AgencyRepository,
    private readonly units: UnitRepository,
    private readonly people: PersonRepository,
  ) {}

  async agency(agencyId: string, field = 'agencyId'): Promise<Agency> {
    const agency = await this.agencies.findById(agencyId);
    if (!agency) throw invalid('The agency does not exist.', [{ path: `body.${field}`, message: 'no such agency' }]);
    return agency;
  }

  async existingAgency(agencyId: string): Promise<Agency> {
    const agency = await this.agencies.findById(agencyId);
    if (!agency) throw notFound('The agency');
    return agency;
  }

  async unitOf(agencyId: string, unitId: string, field: string): Promise<Unit> {
    const unit = await this.units.findById(unitId);
    if (!unit || unit.agencyId !== agencyId) {
      throw invalid('The unit does not belong to this agency.', [{ path: `body.${field}`, message: 'not a unit of the agency' }]);
    }
    return unit;
  }

  async lineManager(userId: string | null, agencyId: string, managerId: string): Promise<void> {
    const manager = await this.people.findById(managerId);
    const problem = (message: string) => invalid('The line manager is not valid.', [{ path: 'body.lineManagerId', message }]);
    if (!manager) throw problem('no such person');
    if (manager.agencyId !== agencyId) throw problem('must work for the same force');
    if (userId !== null && wouldCreateManagementCycle(userId, managerId, await this.people.lineManagersInAgency(agencyId))) {
      throw problem('would make the line-management chain a loop');
    }
  }
}
