import { Module } from '@nestjs/common';
import { CaseAccess } from './case-access';
import { CaseConflicts } from './case-conflicts.use-case';
import { CaseJourney } from './case-journey';
import { CasesController } from './cases.controller';
import { ChangeCase } from './change-case.use-case';
import { CreateCase } from './create-case.use-case';
import { ExplainPolicy } from './explain-policy';
import { MatchKeys } from './match-keys';
import { ReadCase } from './read-case.use-case';
import { RecordVictimWorkplace } from './record-victim-workplace.use-case';
import { VictimWorkplaces } from './victim-workplace';
import { WhoHasSeen } from './who-has-seen.use-case';

@Module({
  controllers: [CasesController],
  providers: [
    CaseAccess,
    MatchKeys,
    CreateCase,
    ReadCase,
    ChangeCase,
    CaseConflicts,
    WhoHasSeen,
    ExplainPolicy,
    CaseJourney,
    VictimWorkplaces,
    RecordVictimWorkplace,
  ],
  exports: [CaseAccess, CreateCase, ChangeCase, CaseConflicts, ExplainPolicy, CaseJourney],
})
export class CasesModule {}
