import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CaseRetention } from './case-retention.use-case';
import { RetentionController } from './retention.controller';
import { RetentionSweep } from './retention-sweep';

@Module({
  imports: [CasesModule],
  controllers: [RetentionController],
  providers: [CaseRetention, RetentionSweep],
  exports: [RetentionSweep],
})
export class RetentionModule {}
