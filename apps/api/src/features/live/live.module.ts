import { ExposureModule } from '../exposure/exposure.module';
import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { IdentityModule } from '../identity/identity.module';
import { NotesModule } from '../notes/notes.module';
import { LiveDispatch } from './live-dispatch';
import { LiveEventHandling } from './live-event-handling';
import { LiveGateway } from './live.gateway';
import { LiveRooms } from './live-rooms';

/** The live channel: its handshake and rooms, and the event handling every feature's gateway on it shares. */
@Module({
  imports: [ExposureModule, IdentityModule, CasesModule, ConferencesModule, NotesModule],
  providers: [LiveGateway, LiveRooms, LiveEventHandling, LiveDispatch],
  exports: [LiveEventHandling, LiveDispatch],
})
export class LiveModule {}
