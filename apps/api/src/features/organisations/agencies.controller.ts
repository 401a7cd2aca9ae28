import { Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  createAgencyBody,
  createUnitBody,
  updateAgencyBody,
  updateUnitBody,
  type AgencyNameView,
  type AgencyView,
  type CreateAgencyBody,
  type CreateUnitBody,
  type UnitView,
  type UpdateAgencyBody,
  type UpdateUnitBody,
} from '@caseroom/contracts';
import { RequirePermission } from '../../edge/route-access';
import { IdParam, ValidBody } from '../../edge/validation';
import { ManageAgencies } from './manage-agencies.use-case';
import { ManageUnits } from './manage-units.use-case';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller()
export class AgenciesController {
  constructor(
    private readonly agencies: ManageAgencies,
    private readonly units: ManageUnits,
  ) {}

  @Get('agencies')
  @RequirePermission('organisation.read')
  list(): Promise<AgencyView[]> {
    return this.agencies.list();
  }

  /** Names only, for every signed-in person: the live room shows who is present by agency. */
  @Get('directory/agencies')
  @RequirePermission('self')
  async names(): Promise<AgencyNameView[]> {
    return (await this.agencies.list()).map(({ id, name, code, kind }) => ({ id, name, code, kind }));
  }

  @Post('agencies')
  @RequirePermission('organisation.manage')
  create(@ValidBody(createAgencyBody) body: CreateAgencyBody): Promise<AgencyView> {
    return this.agencies.create(body);
  }

  @Get('agencies/:agencyId')
  @RequirePermission('organisation.read')
  get(@IdParam('agencyId') agencyId: string): Promise<AgencyView> {
    return this.agencies.get(agencyId);
  }

  @Patch('agencies/:agencyId')
  @RequirePermission('organisation.manage')
  update(@IdParam('agencyId') agencyId: string, @ValidBody(updateAgencyBody) body: UpdateAgencyBody): Promise<AgencyView> {
    return this.agencies.update(agencyId, body);
  }

  @Get('agencies/:agencyId/units')
  @RequirePermission('organisation.read')
  listUnits(@IdParam('agencyId') agencyId: string): Promise<UnitView[]> {
    return this.units.list(agencyId);
  }

  @Post('agencies/:agencyId/units')
  @RequirePermission('organisation.manage')
  createUnit(@IdParam('agencyId') agencyId: string, @ValidBody(createUnitBody) body: CreateUnitBody): Promise<UnitView> {
    return this.units.create(agencyId, body);
  }

  @Patch('units/:unitId')
  @RequirePermission('organisation.manage')
  updateUnit(@IdParam('unitId') unitId: string, @ValidBody(updateUnitBody) body: UpdateUnitBody): Promise<UnitView> {
    return this.units.update(unitId, body);
  }
}
