import { Injectable } from '@nestjs/common';
import type { RestrictionRequestView } from '@caseroom/contracts';
import { allegationKinds, type Actor, type AllegationKind, type Compartment } from '@caseroom/domain';
import { AgencyRepository, CaseRepository, ConferenceRepository, DecisionRepository } from '@caseroom/persistence';
import { decide } from '@caseroom/policy';
import { CaseAccess } from '../cases/case-access';
import { RestrictionAccess } from './restriction-access';

const isAllegationKind = (kind: unknown): kind is AllegationKind => allegationKinds.includes(kind as AllegationKind);

/**
 * What professional standards receive with a restriction request, to weigh it and to defend what they
 * do with it: the conference and its date, the decision's reasons and each agency's position, and from
 * the panel the kinds of allegation and the risk summary. Each part is read only where `decide()` admits
 * the reader to its compartment, and each part read is in the access log.
 */
@Injectable()
export class ReadRestrictionRequest {
  constructor(
    private readonly access: RestrictionAccess,
    private readonly caseAccess: CaseAccess,
    private readonly decisions: DecisionRepository,
    private readonly conferences: ConferenceRepository,
    private readonly cases: CaseRepository,
    private readonly agencies: AgencyRepository,
  ) {}

  async execute(actor: Actor, restrictionId: string): Promise<RestrictionRequestView> {
    const open = await this.access.read(actor, restrictionId);
    const { restriction, viewer, subject } = open;
    const today = this.caseAccess.today();
    const admits = (compartment: Compartment) => decide(viewer, subject, compartment, { today });
    const read: { compartment: Compartment; action: 'read'; reason: string }[] = [
      { compartment: 'standards', action: 'read', reason: open.reason },
    ];

    const decision = await this.decisions.findById(restriction.decisionId);
    const decisionAdmitted = decision ? admits(decision.compartment) : { admitted: false, reason: 'no-decision' };
    if (decision && decisionAdmitted.admitted && decision.compartment !== 'standards')
      read.push({ compartment: decision.compartment, action: 'read', reason: decisionAdmitted.reason });
    const panelAdmitted = admits('panel');
    if (panelAdmitted.admitted && !read.some((entry) => entry.compartment === 'panel'))
      read.push({ compartment: 'panel', action: 'read', reason: panelAdmitted.reason });

    const [conference, reference, panelFields, isSuperseded] = await Promise.all([
      decision ? this.conferences.findById(decision.conferenceId) : null,
      this.cases.referenceOf(restriction.caseId),
      panelAdmitted.admitted ? this.cases.fields(restriction.caseId, 'panel') : null,
      decision && decisionAdmitted.admitted ? this.decisions.isSuperseded(decision.id) : false,
    ]);
    const agencyNames = new Map<string, string>();
    for (const position of decision && decisionAdmitted.admitted ? decision.positions : []) {
      if (!agencyNames.has(position.agencyId))
        agencyNames.set(position.agencyId, (await this.agencies.findById(position.agencyId))?.name ?? 'An agency');
    }
    await this.caseAccess.record(actor, restriction.caseId, read);

    const fields = panelFields?.fields ?? {};
    const allegations = Array.isArray(fields.allegations) ? (fields.allegations as { kind?: unknown }[]) : [];
    return {
      restrictionId: restriction.id,
      reference: reference ?? '',
      conference: conference ? { id: conference.id, title: conference.title, scheduledAt: conference.scheduledAt.toISOString() } : null,
      decision:
        decision && decisionAdmitted.admitted
          ? {
              id: decision.id,
              kind: decision.kind,
              rationale: decision.rationale,
              optionsConsidered: decision.optionsConsidered,
              positions: decision.positions.map(({ agencyId, position, note }) => ({
                agencyId,
                agencyName: agencyNames.get(agencyId)!,
                position,
                note,
              })),
              recordedAt: decision.recordedAt.toISOString(),
              isSuperseded,
            }
          : null,
      panel: panelAdmitted.admitted
        ? {
            allegationKinds: [...new Set(allegations.map((allegation) => allegation.kind).filter(isAllegationKind))],
            riskSummary: typeof fields.risk === 'string' && fields.risk.trim() !== '' ? fields.risk : null,
          }
        : null,
    };
  }
}
