import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { IdentityModule } from '../identity/identity.module';
import { LiveGateway } from './live.gateway';
import { LiveRooms } from './live-rooms';

@Module({ imports: [IdentityModule, CasesModule, ConferencesModule], providers: [LiveGateway, LiveRooms] })
export class LiveModule {}
