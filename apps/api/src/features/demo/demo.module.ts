import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { IdentityModule } from '../identity/identity.module';
import { SeedDemoWorld } from './seed-demo-world';

@Module({ imports: [IdentityModule, CasesModule], providers: [SeedDemoWorld], exports: [SeedDemoWorld] })
export class DemoModule {}
