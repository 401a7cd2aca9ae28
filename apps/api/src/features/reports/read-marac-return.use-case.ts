import { Injectable } from '@nestjs/common';
import type { MaracReturnQuery, MaracReturnView } from '@caseroom/contracts';
import {
  ageOn,
  countReturn,
  daysBetween,
  DomainError,
  formatQuarter,
  maracReturnColumns,
  notFound,
  parseQuarter,
  publishReturn,
  quarterBounds,
  quarterOf,
  type AccessChannel,
  type Actor,
  type ReturnCase,
  type ViewerProfile,
} from '@caseroom/domain';
import { AccessLogRepository, PolicyInputsRepository, ReportRepository, type ReturnCaseFacts } from '@caseroom/persistence';
import { countsInReturn, mayReadMaracReturn } from '@caseroom/policy';
import { CaseAccess } from '../cases/case-access';

/**
 * The MARAC's quarterly data return for its coordinator and chairs: the cases its conferences heard in
 * the quarter, each decided against the policy before it is counted, and small numbers suppressed.
 */
@Injectable()
export class ReadMaracReturn {
  constructor(
    private readonly reports: ReportRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly caseAccess: CaseAccess,
    private readonly accessLog: AccessLogRepository,
  ) {}

  async execute(actor: Actor, query: MaracReturnQuery, channel: AccessChannel = 'http'): Promise<MaracReturnView> {
    const snapshot = await this.policyInputs.snapshot();
    const viewer = await snapshot.viewer(actor.userId);
    if (!viewer) throw notFound('The person');
    const chaired = await this.reports.areasChairedBy(viewer.userId);
    const areaIds = areasOf(viewer, chaired);
    const names = await this.reports.agencyNames(areaIds);
    const areas = areaIds.map((id) => ({ id, name: names.get(id) ?? '' })).sort((a, b) => a.name.localeCompare(b.name));
    const today = this.caseAccess.today();
    const quarter = query.quarter ? parseQuarter(query.quarter)! : quarterOf(today);
    const { from, to } = quarterBounds(quarter);
    const columns = maracReturnColumns.map(([key, label]) => ({ key, label }));
    const areaId = query.areaId ?? areas[0]?.id;
    if (!areaId) return { areas, area: null, quarter: formatQuarter(quarter), from, to, figures: null, columns };
    if (!mayReadMaracReturn(viewer, areaId, chaired))
      throw new DomainError('FORBIDDEN', "Only the MARAC's coordinators and the chairs of its conferences can read its return.");

    const counted: ReturnCaseFacts[] = [];
    for (const facts of await this.reports.findReturnCases(areaId, from, to)) {
      const subject = await snapshot.subject(facts.id);
      // A case this person may not see is not counted: the figures are as if it were not there.
      if (subject && countsInReturn(viewer, subject, { today })) counted.push(facts);
    }
    // One append for the whole return: each case counted is a read of its panel and victim compartments.
    const reads = (['panel', 'victim'] as const).map((compartment) => ({
      compartment,
      action: 'read' as const,
      reason: 'counted in the MARAC return',
    }));
    const entries = await Promise.all(
      counted.map((facts) => this.caseAccess.entries(actor, facts.id, reads, { channel, atVersion: snapshot.version })),
    );
    await this.accessLog.append(entries.flat());
    return {
      areas,
      area: { id: areaId, name: names.get(areaId) ?? '' },
      quarter: formatQuarter(quarter),
      from,
      to,
      figures: publishReturn(countReturn(counted.map(toReturnCase))),
      columns,
    };
  }
}

/** The areas a person reports on: their own agency's MARAC if they coordinate it, and those whose conferences they chair. */
function areasOf(viewer: ViewerProfile, chaired: readonly string[]): string[] {
  const areas = new Set<string>();
  if (viewer.isActive && viewer.roles.includes('coordinator')) areas.add(viewer.agencyId);
  if (viewer.isActive && viewer.roles.includes('chair')) for (const id of chaired) areas.add(id);
  return [...areas];
}

function toReturnCase(facts: ReturnCaseFacts): ReturnCase {
  return {
    isRepeat: facts.isRepeat,
    childCount: facts.childCount,
    referringAgencyKind: facts.referringAgencyKind,
    gender: facts.gender,
    ethnicGroup: facts.ethnicGroup,
    disabled: facts.disabled,
    lgbt: facts.lgbt,
    ageAtReferral: facts.dateOfBirth ? ageOn(facts.dateOfBirth, facts.referredOn) : null,
    isVictimPoliceEmployed: facts.isVictimPoliceEmployed,
    daysToRestriction: facts.firstRestrictionOn ? daysBetween(facts.referredOn, facts.firstRestrictionOn) : null,
  };
}
