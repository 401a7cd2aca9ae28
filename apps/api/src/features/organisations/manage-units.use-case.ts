import { Injectable } from '@nestjs/common';
import type { CreateUnitBody, UnitView, UpdateUnitBody } from '@caseroom/contracts';
import { invalid, isPoliceForce, notFound, wouldCreateManagementCycle } from '@caseroom/domain';
import { UnitRepository } from '@caseroom/persistence';
import { OrganisationRules } from './organisation-rules';

/** Units and teams exist inside police forces: they are what "same team as the suspect" is measured by. */
@Injectable()
export class ManageUnits {
  constructor(
    private readonly units: UnitRepository,
    private readonly rules: OrganisationRules,
  ) {}

  async list(agencyId: string): Promise<UnitView[]> {
    await this.rules.existingAgency(agencyId);
    return this.units.listByAgency(agencyId);
  }

  async create(agencyId: string, body: CreateUnitBody): Promise<UnitView> {
    const agency = await this.rules.existingAgency(agencyId);
    if (!isPoliceForce(agency.kind)) {
      throw invalid('Units and teams can only be added to a police force.', [{ path: 'params.agencyId', message: 'not a police force' }]);
    }
    if (body.parentId !== null) await this.rules.unitOf(agencyId, body.parentId, 'parentId');
    return this.units.create({ agencyId, ...body });
  }

  async update(unitId: string, patch: UpdateUnitBody): Promise<UnitView> {
    const unit = await this.units.findById(unitId);
    if (!unit) throw notFound('The unit');
    if (patch.parentId) {
      await this.rules.unitOf(unit.agencyId, patch.parentId, 'parentId');
      // The unit hierarchy is a tree, checked the same way as a line-management chain.
      if (wouldCreateManagementCycle(unitId, patch.parentId, await this.units.parentsInAgency(unit.agencyId))) {
        throw invalid('The unit hierarchy would loop.', [{ path: 'body.parentId', message: 'would make the hierarchy a loop' }]);
      }
    }
    await this.units.update(unitId, patch);
    return (await this.units.findById(unitId))!;
  }
}
