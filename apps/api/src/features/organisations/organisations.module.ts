import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { AgenciesController } from './agencies.controller';
import { ManageAgencies } from './manage-agencies.use-case';
import { ManagePeople } from './manage-people.use-case';
import { ManagePostings } from './manage-postings.use-case';
import { ManageUnits } from './manage-units.use-case';
import { OrganisationRules } from './organisation-rules';
import { PeopleController } from './people.controller';

@Module({
  imports: [IdentityModule],
  controllers: [AgenciesController, PeopleController],
  providers: [OrganisationRules, ManageAgencies, ManageUnits, ManagePeople, ManagePostings],
  exports: [ManagePeople],
})
export class OrganisationsModule {}
