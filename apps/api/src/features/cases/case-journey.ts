import { Injectable } from '@nestjs/common';
import { caseStatusAfter, conflict, type AccessRecord, type CaseStatus, type CaseStep } from '@caseroom/domain';
import { CaseJourneyRepository } from '@caseroom/persistence';
import { caseNotFound } from './case-access';

export interface StatusMoved {
  readonly from: CaseStatus;
  readonly to: CaseStatus;
}

/**
 * Moves cases along their way from referral to closure by the rules of `caseStatusAfter` (libs/domain),
 * recording each move with who made it and why. Callers have already asked the policy.
 */
@Injectable()
export class CaseJourney {
  constructor(private readonly journeys: CaseJourneyRepository) {}

  /** Takes the step, or refuses with 409 when the rules do not allow it or the case moved meanwhile. */
  async take(
    caseId: string,
    step: CaseStep,
    by: string,
    { reason = null, accessLog = [] }: { reason?: string | null; accessLog?: readonly AccessRecord[] } = {},
  ): Promise<StatusMoved> {
    const from = await this.journeys.statusOf(caseId);
    if (!from) throw caseNotFound();
    const to = caseStatusAfter(from, step);
    if (from === to) return { from, to };
    if (!(await this.journeys.move({ caseId, from, to, by, reason }, accessLog)))
      throw conflict('The case was changed by someone else at the same moment: look at it again.');
    return { from, to };
  }

  /**
   * An action agreed on a case heard already (the chair went back to its item): its actions are open
   * again. A case still listed is decided when its item ends; any other is left as it is.
   */
  async actionAgreed(caseId: string, by: string): Promise<void> {
    const from = await this.journeys.statusOf(caseId);
    if (from !== 'heard') return;
    // Moved by someone else meanwhile: theirs stands.
    await this.journeys.move({ caseId, from, to: caseStatusAfter(from, { kind: 'hear', openActions: 1 }), by, reason: null });
  }

  /**
   * Agenda items ended (the chair moved past them, or the conference closed): each case still listed is
   * heard, with actions open while any agreed action is. A case not listed any more is left as it is.
   */
  async itemsEnded(caseIds: readonly string[], by: string): Promise<void> {
    for (const caseId of new Set(caseIds)) {
      if ((await this.journeys.statusOf(caseId)) !== 'listed') continue;
      const openActions = await this.journeys.openActions(caseId);
      const to = caseStatusAfter('listed', { kind: 'hear', openActions });
      // Moved by someone else meanwhile (listed again elsewhere, say): theirs stands.
      await this.journeys.move({ caseId, from: 'listed', to, by, reason: null });
    }
  }
}
