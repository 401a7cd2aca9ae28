import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { NoteDocuments } from './note-documents';
import { NotesController } from './notes.controller';
import { NotesService } from './notes.service';
import { UpdateLog } from './update-log';

@Module({
  imports: [CasesModule],
  controllers: [NotesController],
  providers: [UpdateLog, NoteDocuments, NotesService],
  exports: [NoteDocuments, NotesService],
})
export class NotesModule {}
