import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { TrackedActionView } from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission } from '../../edge/route-access';
import { ReadActionTracker } from './read-action-tracker.use-case';

/** The action tracker between meetings; owners report progress on the case's own report route. */
@ApiTags('decisions')
@ApiBearerAuth()
@Controller('actions')
export class ActionTrackerController {
  constructor(private readonly readTracker: ReadActionTracker) {}

  @Get()
  @RequirePermission('case.read')
  list(@CurrentActor() actor: Actor): Promise<TrackedActionView[]> {
    return this.readTracker.execute(actor);
  }
}
