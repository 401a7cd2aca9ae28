import { Injectable } from '@nestjs/common';
import type { CounterAllegationTriageBody, SubmittedReferralView } from '@caseroom/contracts';
import { caseStatusAfter, conflict, DomainError, type Actor, type CaseRecord } from '@caseroom/domain';
import { CaseRepository, CounterAllegationRepository, type CounterAllegationMaker } from '@caseroom/persistence';
import { CaseAccess, caseNotFound, type OpenCase } from '../cases/case-access';
import { ReferralNotices } from './referral-notices';

export interface TakeInCounterAllegationInput extends CounterAllegationTriageBody {
  readonly actor: Actor;
  readonly caseId: string;
}

interface ReferralContent {
  readonly victimPseudonym?: string | null;
  readonly referral?: { readonly concern?: string | null };
  readonly allegations?: readonly { readonly date: string; readonly kind: string; readonly reportedTo: string }[];
  readonly summary?: string | null;
}

/**
 * Triage's answer to a referral in which the suspect of an existing case names that case's victim as the
 * abuser (decision 0025): not a case of its own, whose panel would be drawn from the victim's links and
 * could seat the officer's colleagues, but a counter-allegation on the original case. The referral is
 * declined with the reason and its content moves to the original case, in one transaction.
 */
@Injectable()
export class TakeInCounterAllegation {
  constructor(
    private readonly access: CaseAccess,
    private readonly cases: CaseRepository,
    private readonly allegations: CounterAllegationRepository,
    private readonly notices: ReferralNotices,
  ) {}

  async execute({ actor, caseId, originalReference }: TakeInCounterAllegationInput): Promise<SubmittedReferralView> {
    const referral = await this.access.openCompartment(actor, caseId, 'panel', 'write');
    const original = await this.openOriginal(actor, originalReference, caseId);
    const { record } = referral;
    if (record.status !== 'referred') throw conflict('Only a referral waiting for triage can be recorded as a counter-allegation.');
    const content = ((await this.cases.fields(caseId, 'panel'))?.fields ?? {}) as ReferralContent;
    const reason = `recorded as a counter-allegation on ${original.record.reference}`;
    const [referralLog, originalLog] = await Promise.all([
      this.access.entries(actor, caseId, [{ compartment: 'panel', action: 'write', reason: referral.reason }], {
        atVersion: referral.policyVersion,
      }),
      this.access.entries(actor, original.record.id, [{ compartment: 'panel', action: 'write', reason: original.reason }], {
        atVersion: original.policyVersion,
      }),
    ]);
    const to = caseStatusAfter(record.status, { kind: 'decline' });
    const recorded = await this.allegations.record(
      {
        caseId: original.record.id,
        receivedOn: record.referredOn,
        referringAgencyId: record.referringAgencyId,
        madeBy: makerOf(record, original.record, content),
        alleged: allegedIn(content),
        howReceived: `Referred to the MARAC as ${record.reference}, recorded on this case at triage`,
        fromReferralId: caseId,
        recordedBy: actor.userId,
      },
      originalLog,
      { move: { caseId, from: record.status, to, by: actor.userId, reason }, accessLog: referralLog },
    );
    if (!recorded) throw conflict('The case was changed by someone else at the same moment: look at it again.');
    if (record.createdBy !== actor.userId) await this.notices.decided(caseId, record.reference, 'declined', record.createdBy);
    return { id: caseId, reference: record.reference, status: to };
  }

  /**
   * The original case, with its panel admitted for writing. Whatever the reason it is not (it does not
   * exist, the coordinator may not see it, or may only read it), the answer is the same 404.
   */
  private async openOriginal(actor: Actor, reference: string, referralId: string): Promise<OpenCase & { reason: string }> {
    const found = await this.cases.findByReference(reference.toUpperCase());
    if (!found || found.id === referralId) throw caseNotFound();
    try {
      return await this.access.openCompartment(actor, found.id, 'panel', 'write');
    } catch (error) {
      if (error instanceof DomainError) throw caseNotFound();
      throw error;
    }
  }
}

/** The referral's victim is the original case's suspect: the counter-allegation is the suspect's. */
function makerOf(referral: CaseRecord, original: CaseRecord, content: ReferralContent): CounterAllegationMaker {
  const victimAccount = referral.victimWorkplace?.userId ?? null;
  if (victimAccount !== null && victimAccount === original.suspect.userId) return { kind: 'suspect' };
  if (victimAccount !== null) return { kind: 'person', userId: victimAccount };
  return { kind: 'described', description: content.victimPseudonym?.trim() || `The victim named in referral ${referral.reference}` };
}

/** What the referral alleged, in its own words: the summary, the concern and each allegation. */
function allegedIn(content: ReferralContent): string {
  const lines = [
    content.summary ?? null,
    content.referral?.concern ? `Concern: ${content.referral.concern}` : null,
    ...(content.allegations ?? []).map(
      (allegation) => `Allegation of ${allegation.date}: ${allegation.kind.replace(/_/g, ' ')}, reported to ${allegation.reportedTo}`,
    ),
  ].filter((line): line is string => !!line && line.trim() !== '');
  return lines.length > 0 ? lines.join('\n') : 'The referral gave no details.';
}
