import { Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  addEntryBody,
  anyCompartmentFields,
  compartmentFields,
  compartmentParam,
  counterAllegationBody,
  createCaseBody,
  declareConflictBody,
  recordConflictBody,
  updateCaseBody,
  victimWorkplaceBody,
  type AccessView,
  type AddEntryBody,
  type CaseSummaryView,
  type CaseView,
  type CompartmentView,
  type ConflictView,
  type CounterAllegationBody,
  type CounterAllegationView,
  type CreateCaseBody,
  type DeclareConflictBody,
  type EntryView,
  type RecordConflictBody,
  type UpdateCaseBody,
  type VictimWorkplaceBody,
  type VictimWorkplaceView,
} from '@caseroom/contracts';
import { invalid, type Actor, type Compartment } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission, StepUpAfterPolicy } from '../../edge/route-access';
import { IdParam, SchemaPipe, ValidBody } from '../../edge/validation';
import { CaseConflicts } from './case-conflicts.use-case';
import { CounterAllegations } from './counter-allegations.use-case';
import { ChangeCase } from './change-case.use-case';
import { CreateCase } from './create-case.use-case';
import { ReadCase } from './read-case.use-case';
import { RecordVictimWorkplace } from './record-victim-workplace.use-case';
import { WhoHasSeen } from './who-has-seen.use-case';

const CompartmentParam = () => Param('compartment', new SchemaPipe(compartmentParam, 'params', 'params.compartment'));

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly createCase: CreateCase,
    private readonly readCase: ReadCase,
    private readonly changeCase: ChangeCase,
    private readonly conflicts: CaseConflicts,
    private readonly whoHasSeen: WhoHasSeen,
    private readonly victimWorkplace: RecordVictimWorkplace,
    private readonly counterAllegations: CounterAllegations,
  ) {}

  @Post()
  @RequirePermission('case.create')
  create(@CurrentActor() actor: Actor, @ValidBody(createCaseBody) body: CreateCaseBody): Promise<CaseSummaryView> {
    return this.createCase.execute(actor, body);
  }

  @Get()
  @RequirePermission('case.read')
  list(@CurrentActor() actor: Actor): Promise<CaseSummaryView[]> {
    return this.readCase.list(actor);
  }

  @Get(':caseId')
  @RequirePermission('case.read')
  get(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<CaseView> {
    return this.readCase.whole(actor, caseId);
  }

  @Patch(':caseId')
  @HttpCode(204)
  @RequirePermission('case.manage')
  async update(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @ValidBody(updateCaseBody) body: UpdateCaseBody,
  ): Promise<void> {
    await this.changeCase.update(actor, caseId, body);
  }

  /** Where the victim works, when it is a police force (or that it is not): her colleagues are stepped out as it is recorded. */
  @Put(':caseId/victim-workplace')
  @HttpCode(204)
  @RequirePermission('case.manage')
  async recordVictimWorkplace(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @ValidBody(victimWorkplaceBody) body: VictimWorkplaceBody,
  ): Promise<void> {
    await this.victimWorkplace.execute(actor, caseId, body);
  }

  /** Where the victim works as recorded, for the people who may correct it (the victim compartment's writers). */
  @Get(':caseId/victim-workplace')
  @RequirePermission('case.manage')
  readVictimWorkplace(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<VictimWorkplaceView> {
    return this.victimWorkplace.read(actor, caseId);
  }

  /** A counter-allegation against the victim, recorded on this case's panel, never as a case of its own (decision 0025). */
  @Post(':caseId/counter-allegations')
  @RequirePermission('case.manage')
  recordCounterAllegation(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @ValidBody(counterAllegationBody) body: CounterAllegationBody,
  ): Promise<CounterAllegationView> {
    return this.counterAllegations.record(actor, caseId, body);
  }

  @Get(':caseId/counter-allegations')
  @RequirePermission('case.read')
  listCounterAllegations(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<CounterAllegationView[]> {
    return this.counterAllegations.list(actor, caseId);
  }

  @Get(':caseId/compartments/:compartment')
  @RequirePermission('case.read')
  @StepUpAfterPolicy('for the victim compartment, once admitted')
  compartment(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @CompartmentParam() compartment: Compartment,
  ): Promise<CompartmentView> {
    return this.readCase.compartment(actor, caseId, compartment);
  }

  @Patch(':caseId/compartments/:compartment/fields')
  @RequirePermission('case.read')
  updateFields(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @CompartmentParam() compartment: Compartment,
    @ValidBody(anyCompartmentFields) body: Record<string, unknown>,
  ): Promise<CompartmentView> {
    // Which fields are allowed depends on the compartment in the address, so the body is checked here.
    const parsed = compartmentFields[compartment].safeParse(body);
    if (!parsed.success) {
      throw invalid(
        `The ${compartment} fields are not valid.`,
        parsed.error.issues.map((issue) => ({ path: ['body', ...issue.path.map(String)].join('.'), message: issue.message })),
      );
    }
    return this.changeCase.updateFields(actor, caseId, compartment, parsed.data);
  }

  @Post(':caseId/compartments/:compartment/entries')
  @RequirePermission('case.read')
  addEntry(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @CompartmentParam() compartment: Compartment,
    @ValidBody(addEntryBody) body: AddEntryBody,
  ): Promise<EntryView> {
    return this.changeCase.addEntry(actor, caseId, compartment, body);
  }

  @Post(':caseId/conflicts/declaration')
  @HttpCode(204)
  @RequirePermission('conflict.declare')
  async declare(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @ValidBody(declareConflictBody) body: DeclareConflictBody,
  ): Promise<void> {
    await this.conflicts.declare(actor, caseId, body);
  }

  @Post(':caseId/conflicts')
  @HttpCode(204)
  @RequirePermission('conflict.record')
  async recordConflict(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @ValidBody(recordConflictBody) body: RecordConflictBody,
  ): Promise<void> {
    await this.conflicts.record(actor, caseId, body);
  }

  @Get(':caseId/conflicts')
  @RequirePermission('case.read')
  listConflicts(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<ConflictView[]> {
    return this.conflicts.list(actor, caseId);
  }

  @Get(':caseId/access-log')
  @RequirePermission('case.read')
  accessLog(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<AccessView[]> {
    return this.whoHasSeen.execute(actor, caseId);
  }
}
