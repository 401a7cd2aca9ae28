import { Injectable } from '@nestjs/common';
import type { VictimWorkplaceBody, VictimWorkplaceView } from '@caseroom/contracts';
import { invalid, type Actor } from '@caseroom/domain';
import { CaseRepository } from '@caseroom/persistence';
import { LiveEvents } from '../../shared/live-events';
import { LivePublisher } from '../../shared/live-publisher';
import { CaseAccess } from './case-access';
import { loadCompartment } from './case-views';
import { VictimWorkplaces } from './victim-workplace';

/**
 * Records where the victim works, or that she is not police staff, on a case already registered: a
 * policy input like any other. Her colleagues it links to the case are out of its rooms on every
 * instance before the request returns.
 */
@Injectable()
export class RecordVictimWorkplace {
  constructor(
    private readonly access: CaseAccess,
    private readonly cases: CaseRepository,
    private readonly workplaces: VictimWorkplaces,
    private readonly live: LiveEvents,
    private readonly publisher: LivePublisher,
  ) {}

  async execute(actor: Actor, caseId: string, body: VictimWorkplaceBody): Promise<void> {
    // Where she works is part of who she is: recorded by those who may change the victim compartment.
    const open = await this.access.openCompartment(actor, caseId, 'victim', 'write');
    const { workplace, problems } = await this.workplaces.check(body, 'body');
    if (problems.length > 0) throw invalid("The victim's workplace refers to something that does not exist or does not fit.", problems);
    await this.cases.recordVictimWorkplace(caseId, workplace, actor.userId);
    await this.live.publish({ kind: 'case-changed', caseId });
    await this.access.record(actor, caseId, [{ compartment: 'victim', action: 'write', reason: open.reason }], {
      atVersion: open.policyVersion,
    });
    // The victim compartment names her employer's force: its audience, as it now stands, sees it change.
    const view = await loadCompartment(this.cases, caseId, 'victim');
    this.publisher.toCompartment(caseId, 'victim', 'case.fields', { caseId, compartment: 'victim', fields: view.fields });
  }

  /**
   * Where the victim works as the case records it, for those who may correct it: a correction starts from
   * it, so that what is not changed (her postings, typed) is sent back as it was rather than erased.
   */
  async read(actor: Actor, caseId: string): Promise<VictimWorkplaceView> {
    const open = await this.access.openCompartment(actor, caseId, 'victim', 'write');
    const workplace = open.record.victimWorkplace;
    const postings = workplace && workplace.userId === null ? await this.cases.victimPostings(caseId) : [];
    await this.access.record(actor, caseId, [{ compartment: 'victim', action: 'read', reason: open.decisions.victim.reason }], {
      atVersion: open.policyVersion,
    });
    return {
      employerForceId: workplace?.forceId ?? null,
      userId: workplace?.userId ?? null,
      unitId: workplace?.unitId ?? null,
      lineManagerId: workplace?.lineManagerId ?? null,
      postings,
    };
  }
}
