import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { NoteDocuments } from './note-documents';
import { NotesAwareness } from './notes-awareness';
import { NotesController } from './notes.controller';
import { NotesService } from './notes.service';
import { UpdateLog } from './update-log';

@Module({
  imports: [CasesModule],
  controllers: [NotesController],
  providers: [UpdateLog, NoteDocuments, NotesAwareness, NotesService],
  exports: [NoteDocuments, NotesAwareness, NotesService],
})
export class NotesModule {}
