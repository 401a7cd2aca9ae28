import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { AllocateIdva } from './allocate-idva.use-case';
import { IdvaProposals } from './idva-proposals';
import { ReadContactLog } from './read-contact-log.use-case';
import { ReadIdva } from './read-idva.use-case';
import { ReadVictimStatus } from './read-victim-status.use-case';
import { RecordContact } from './record-contact.use-case';
import { VictimSideController } from './victim-side.controller';

@Module({
  imports: [CasesModule],
  controllers: [VictimSideController],
  providers: [IdvaProposals, ReadIdva, AllocateIdva, ReadContactLog, RecordContact, ReadVictimStatus],
})
export class VictimSideModule {}
