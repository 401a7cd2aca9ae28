import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ReadMaracReturn } from './read-marac-return.use-case';
import { ReadPpdaAudit } from './read-ppda-audit.use-case';
import { ReportsController } from './reports.controller';

/** The force's PPDA audit and the MARAC's data return (decision 0028). */
@Module({
  imports: [CasesModule],
  controllers: [ReportsController],
  providers: [ReadPpdaAudit, ReadMaracReturn],
})
export class ReportsModule {}
