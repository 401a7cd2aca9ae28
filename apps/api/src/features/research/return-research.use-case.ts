import { Inject, Injectable } from '@nestjs/common';
import type { ResearchAskedView, ReturnResearchBody } from '@caseroom/contracts';
import { compartments, conflict, DomainError, type Actor, type Clock, type Compartment } from '@caseroom/domain';
import { ResearchRepository } from '@caseroom/persistence';
import { CLOCK } from '../../shared/clock';
import { CaseAccess } from '../cases/case-access';
import { ChangeCase } from '../cases/change-case.use-case';
import { ReadResearch } from './read-research.use-case';

/**
 * A member of the agency asked returns its research: what it holds goes into the case's compartments
 * through the same write path as any entry (the policy decides each, the access log records each), and
 * the request is marked returned with the note of what was withheld and why.
 */
@Injectable()
export class ReturnResearch {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly research: ResearchRepository,
    private readonly read: ReadResearch,
    private readonly caseAccess: CaseAccess,
    private readonly changeCase: ChangeCase,
  ) {}

  async execute(actor: Actor, requestId: string, body: ReturnResearchBody): Promise<ResearchAskedView> {
    const asked = await this.read.one(actor, requestId);
    if (asked.returnedAt !== null) throw conflict('Your agency has returned this research already.');
    const parts = compartments.flatMap((compartment) => {
      const text = body.holdings[compartment];
      return text ? [{ compartment, text }] : [];
    });
    // Every part is admitted before anything is written, so that a refusal leaves nothing half-returned.
    for (const { compartment } of parts) await this.mayWrite(actor, asked.caseId, compartment);

    const at = this.clock.now();
    if (!(await this.research.markReturned(requestId, actor.userId, at, body.withheld)))
      throw conflict('Your agency has returned this research already.');
    try {
      for (const { compartment, text } of parts)
        await this.changeCase.addEntry(actor, asked.caseId, compartment, { occurredOn: null, text });
    } catch (error) {
      await this.research.unmarkReturned(requestId, actor.userId, at);
      throw error;
    }
    return this.read.one(actor, requestId);
  }

  private async mayWrite(actor: Actor, caseId: string, compartment: Compartment): Promise<void> {
    try {
      await this.caseAccess.openCompartment(actor, caseId, compartment, 'write');
    } catch (error) {
      if (!(error instanceof DomainError) || !['NOT_FOUND', 'FORBIDDEN'].includes(error.code)) throw error;
      throw new DomainError('FORBIDDEN', `You may not write in the ${compartment} compartment of this case.`, [
        { path: `body.holdings.${compartment}`, message: 'you may not write in this compartment' },
      ]);
    }
  }
}
