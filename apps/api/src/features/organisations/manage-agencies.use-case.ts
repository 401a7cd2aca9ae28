import { Injectable } from '@nestjs/common';
import type { AgencyView, CreateAgencyBody, UpdateAgencyBody } from '@caseroom/contracts';
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
    await this.rules.existingAgency(agencyId);
    await this.agencies.update(agencyId, patch);
    return this.rules.existingAgency(agencyId);
  }
}
