import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { IdentityModule } from '../identity/identity.module';
import { NotesModule } from '../notes/notes.module';
import { LiveGateway } from './live.gateway';
import { LiveRooms } from './live-rooms';

@Module({ imports: [IdentityModule, CasesModule, ConferencesModule, NotesModule, DecisionsModule], providers: [LiveGateway, LiveRooms] })
export class LiveModule {}
