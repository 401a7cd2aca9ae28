import { Injectable } from '@nestjs/common';
import { triagePageSize, type TriagePageView, type TriageQuery, type TriageRowView } from '@caseroom/contracts';
import { compartments, type Actor, type CaseSubject, type ViewerProfile } from '@caseroom/domain';
import { CaseJourneyRepository, PolicyInputsRepository, type TriageCandidate } from '@caseroom/persistence';
import { decide } from '@caseroom/policy';
import { CaseAccess } from '../cases/case-access';
import { RefusalTrace } from '../exposure/refusal-trace';

/**
 * The coordinator's list of cases: filtered in the database, then each case decided against the policy
 * at one policy version, and only then counted and paged. A case the viewer is not admitted to leaves
 * no trace: not in the rows, not in the total, not as the earlier case of a repeat.
 */
@Injectable()
export class SearchTriage {
  constructor(
    private readonly journeys: CaseJourneyRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly access: CaseAccess,
    private readonly refusals: RefusalTrace,
  ) {}

  async execute(actor: Actor, query: TriageQuery): Promise<TriagePageView> {
    const { page, ...filters } = query;
    const [snapshot, candidates] = await Promise.all([this.policyInputs.snapshot(), this.journeys.findForTriage(filters)]);
    const viewer = await snapshot.viewer(actor.userId);
    const today = this.access.today();
    const subjects = new Map(
      await Promise.all(
        [
          ...new Set(candidates.flatMap((candidate) => [candidate.id, ...(candidate.repeatOfCaseId ? [candidate.repeatOfCaseId] : [])])),
        ].map(async (caseId) => [caseId, await snapshot.subject(caseId)] as const),
      ),
    );
    const admits = (caseId: string, test: (viewer: ViewerProfile, subject: CaseSubject) => boolean) => {
      const subject = subjects.get(caseId);
      return !!viewer && !!subject && test(viewer, subject);
    };
    // A row shows the case's structure, which is the panel's: the panel's audience sees the row.
    const visible = candidates.filter((candidate) =>
      admits(candidate.id, (person, subject) => decide(person, subject, 'panel', { today }).admitted),
    );
    // A search for a case's exact reference that the policy withholds is a refusal on that case (the answer
    // is the same as for a reference that does not exist).
    if (query.reference)
      for (const candidate of candidates)
        if (candidate.reference.toLowerCase() === query.reference.toLowerCase() && !visible.includes(candidate))
          this.refusals.note({ personId: actor.userId, target: candidate.id, channel: 'http', attempt: 'search' });
    const knows = (caseId: string) =>
      admits(caseId, (person, subject) => compartments.some((compartment) => decide(person, subject, compartment, { today }).admitted));
    const start = (page - 1) * triagePageSize;
    return {
      items: visible.slice(start, start + triagePageSize).map((candidate) => toRow(candidate, knows)),
      total: visible.length,
      page,
      pageSize: triagePageSize,
    };
  }
}

function toRow(candidate: TriageCandidate, knows: (caseId: string) => boolean): TriageRowView {
  return {
    id: candidate.id,
    reference: candidate.reference,
    status: candidate.status,
    referredOn: candidate.referredOn,
    referralGround: candidate.referralGround,
    dashScore: candidate.dashScore,
    referringAgencyId: candidate.referringAgencyId,
    suspectForceId: candidate.suspectForceId,
    isRepeat: candidate.repeatOfCaseId !== null,
    repeatOfReference: candidate.repeatOfCaseId && knows(candidate.repeatOfCaseId) ? candidate.repeatOfReference : null,
  };
}
