import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { IdentityModule } from '../identity/identity.module';
import { NotesModule } from '../notes/notes.module';
import { LiveGateway } from './live.gateway';
import { LiveRooms } from './live-rooms';

@Module({ imports: [IdentityModule, CasesModule, ConferencesModule, NotesModule], providers: [LiveGateway, LiveRooms] })
export class LiveModule {}
