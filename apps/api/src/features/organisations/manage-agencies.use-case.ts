import { Injectable } from '@nestjs/common';
import type { AgencyView, CreateAgencyBody, UpdateAgencyBody } from '@caseroom/contracts';
import { invalid, isPoliceForce, type Agency } from '@caseroom/domain';
import { AgencyRepository } from '@caseroom/persistence';
import { OrganisationRules } from './organisation-rules';

@Injectable()
export class ManageAgencies {
  constructor(
    private readonly agencies: AgencyRepository,
    private readonly rules: OrganisationRules,
  ) {}

  list(): Promise<AgencyView[]> {
    return this.agencies.listAll();
  }

  get(agencyId: string): Promise<AgencyView> {
    return this.rules.existingAgency(agencyId);
  }

  create(body: CreateAgencyBody): Promise<AgencyView> {
    return this.agencies.create(body);
  }

  async update(agencyId: string, patch: UpdateAgencyBody): Promise<AgencyView> {
    const agency = await this.rules.existingAgency(agencyId);
    if (patch.servesForceIds) await this.checkServedForces(agency, patch.servesForceIds);
    await this.agencies.update(agencyId, patch);
    return this.rules.existingAgency(agencyId);
  }

  /** Only an IDVA service serves force areas, and what it serves are police forces. */
  private async checkServedForces(agency: Agency, forceIds: readonly string[]): Promise<void> {
    if (agency.kind !== 'idva_service' && forceIds.length > 0)
      throw invalid('Only an IDVA service serves force areas.', [{ path: 'body.servesForceIds', message: 'only for an IDVA service' }]);
    for (const [index, forceId] of forceIds.entries()) {
      const force = await this.agencies.findById(forceId);
      if (!force || !isPoliceForce(force.kind))
        throw invalid('A force area is not valid.', [{ path: `body.servesForceIds.${index}`, message: 'must be a police force' }]);
    }
  }
}
