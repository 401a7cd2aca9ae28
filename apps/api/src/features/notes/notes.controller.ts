import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { compartmentParam, type Compartment } from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission, StepUpAfterPolicy } from '../../edge/route-access';
import { IdParam, SchemaPipe } from '../../edge/validation';
import { NotesService, type NotesView } from './notes.service';

@ApiTags('notes')
@ApiBearerAuth()
@Controller('cases')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  /** A compartment's live notes as they stand, as text and as structured JSON (for minutes). */
  @Get(':caseId/compartments/:compartment/notes')
  @RequirePermission('case.read')
  @StepUpAfterPolicy('for the victim compartment, once admitted')
  read(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @Param('compartment', new SchemaPipe(compartmentParam, 'params', 'params.compartment')) compartment: Compartment,
  ): Promise<NotesView> {
    return this.notes.read(actor, caseId, compartment);
  }
}
