import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { ResearchModule } from '../research/research.module';
import { IdentityModule } from '../identity/identity.module';
import { SeedDemoWorld } from './seed-demo-world';

@Module({ imports: [IdentityModule, CasesModule, ConferencesModule, ResearchModule], providers: [SeedDemoWorld], exports: [SeedDemoWorld] })
export class DemoModule {}
