import { Injectable } from '@nestjs/common';
import type { AuditRestrictionView, PpdaAuditQuery, PpdaAuditRowView, PpdaAuditSummaryView, PpdaAuditView } from '@caseroom/contracts';
import {
  auditLookBackMonths,
  daysBetween,
  DomainError,
  isActive,
  median,
  misconductRecordings,
  monthsBefore,
  notFound,
  type AccessChannel,
  type Actor,
  type RestrictingKind,
  type ViewerProfile,
} from '@caseroom/domain';
import { AccessLogRepository, PolicyInputsRepository, ReportRepository, type AuditCaseFacts } from '@caseroom/persistence';
import { countsInAudit, decide, decideRestrictionManagement, mayAuditForce } from '@caseroom/policy';
import { restrictingKinds } from '@caseroom/contracts';
import { CaseAccess } from '../cases/case-access';

/**
 * The force's audit of its PPDA cases, for its professional standards and the IOPC: every live case and
 * those finished in the last twelve months, each decided against the policy before it is a row or a count.
 */
@Injectable()
export class ReadPpdaAudit {
  constructor(
    private readonly reports: ReportRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly caseAccess: CaseAccess,
    private readonly accessLog: AccessLogRepository,
  ) {}

  async execute(actor: Actor, query: PpdaAuditQuery, channel: AccessChannel = 'http'): Promise<PpdaAuditView> {
    const snapshot = await this.policyInputs.snapshot();
    const viewer = await snapshot.viewer(actor.userId);
    if (!viewer) throw notFound('The person');
    const forces = await this.forcesFor(viewer);
    if (forces.length === 0)
      throw new DomainError('FORBIDDEN', "Only a force's professional standards and the IOPC can read its PPDA audit.");
    if (query.forceId && !mayAuditForce(viewer, query.forceId))
      throw new DomainError('FORBIDDEN', "Only a force's professional standards and the IOPC can read its PPDA audit.");
    const forceIds = query.forceId ? [query.forceId] : viewer.agencyKind === 'iopc' ? null : [viewer.agencyId];
    const today = this.caseAccess.today();
    const finishedSince = monthsBefore(today, auditLookBackMonths);

    const rows: PpdaAuditRowView[] = [];
    for (const facts of await this.reports.findAuditCases(forceIds, finishedSince)) {
      const subject = await snapshot.subject(facts.id);
      // A case this person may not see is not a row, and counts in nothing they are shown.
      if (!subject || !countsInAudit(viewer, subject, { today })) continue;
      const row = toRow(facts, today, {
        canRecord: decideRestrictionManagement(viewer, subject, { today }).admitted,
        readsPanel: decide(viewer, subject, 'panel', { today }).admitted,
      });
      if (matches(row, query)) rows.push(row);
    }
    // One append for the whole audit: each case it lists is a read of its standards compartment.
    const entries = await Promise.all(
      rows.map((row) =>
        this.caseAccess.entries(actor, row.caseId, [{ compartment: 'standards', action: 'read', reason: 'PPDA audit' }], {
          channel,
          atVersion: snapshot.version,
        }),
      ),
    );
    await this.accessLog.append(entries.flat());
    return { asOf: today, finishedSince, forces, forceId: query.forceId ?? null, rows, summary: summarise(rows) };
  }

  private async forcesFor(viewer: ViewerProfile): Promise<{ id: string; name: string }[]> {
    if (viewer.agencyKind === 'iopc' && viewer.isActive) return this.reports.policeForces();
    if (!mayAuditForce(viewer, viewer.agencyId)) return [];
    const names = await this.reports.agencyNames([viewer.agencyId]);
    return [{ id: viewer.agencyId, name: names.get(viewer.agencyId) ?? '' }];
  }
}

/**
 * The suspect's rank and role are what the referral gave, for whom the panel admits; for anyone else (the
 * IOPC), what their force's records hold of them, which is organisation data, not the case's content.
 */
function toRow(
  facts: AuditCaseFacts,
  today: string,
  { canRecord, readsPanel }: { canRecord: boolean; readsPanel: boolean },
): PpdaAuditRowView {
  const restrictions: AuditRestrictionView[] = facts.restrictions.map((restriction) => ({
    ...restriction,
    isReviewOverdue: isActive(restriction) && restriction.nextReviewOn !== null && restriction.nextReviewOn < today,
  }));
  const applied = restrictions.flatMap((restriction) => (restriction.effectiveOn ? [restriction.effectiveOn] : [])).sort();
  return {
    caseId: facts.id,
    reference: facts.reference,
    forceId: facts.forceId,
    forceName: facts.forceName,
    standing: facts.finishedOn === null ? 'live' : 'finished',
    status: facts.status,
    referredOn: facts.referredOn,
    finishedOn: facts.finishedOn,
    suspectRank: (readsPanel ? facts.referralRank : null) ?? facts.recordsRank,
    suspectRole: (readsPanel ? facts.referralRole : null) ?? facts.recordsRole,
    isPublicProtection: facts.isPublicProtection,
    recordedAs: facts.recordedAs,
    canRecord,
    restrictions,
    daysToRestriction: applied.length > 0 ? daysBetween(facts.referredOn, applied[0]) : null,
  };
}

function matches(row: PpdaAuditRowView, query: PpdaAuditQuery): boolean {
  if (query.standing !== 'all' && row.standing !== query.standing) return false;
  if (query.referredFrom && row.referredOn < query.referredFrom) return false;
  if (query.referredTo && row.referredOn > query.referredTo) return false;
  if (query.restrictionKind && !row.restrictions.some((restriction) => restriction.kind === query.restrictionKind)) return false;
  return true;
}

function summarise(rows: readonly PpdaAuditRowView[]): PpdaAuditSummaryView {
  const recordedAs = Object.fromEntries([...misconductRecordings, 'unrecorded'].map((key) => [key, 0])) as Record<
    PpdaAuditSummaryView['recordedAs'] extends Readonly<Record<infer K, number>> ? K : never,
    number
  >;
  const restrictionsByKind = Object.fromEntries(restrictingKinds.map((kind) => [kind, 0])) as Record<RestrictingKind, number>;
  for (const row of rows) {
    recordedAs[row.recordedAs ?? 'unrecorded'] += 1;
    for (const restriction of row.restrictions) if (isActive(restriction)) restrictionsByKind[restriction.kind] += 1;
  }
  return {
    cases: rows.length,
    live: rows.filter((row) => row.standing === 'live').length,
    finished: rows.filter((row) => row.standing === 'finished').length,
    withRestrictionInPlace: rows.filter((row) => row.restrictions.some(isActive)).length,
    overdueReviews: rows.reduce((sum, row) => sum + row.restrictions.filter((restriction) => restriction.isReviewOverdue).length, 0),
    recordedAs,
    restrictionsByKind,
    medianDaysToRestriction: median(rows.flatMap((row) => (row.daysToRestriction === null ? [] : [row.daysToRestriction]))),
  };
}
