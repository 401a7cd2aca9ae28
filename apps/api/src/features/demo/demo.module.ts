import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { SeedDemoWorld } from './seed-demo-world';

@Module({ imports: [IdentityModule], providers: [SeedDemoWorld], exports: [SeedDemoWorld] })
export class DemoModule {}
