import { Injectable } from '@nestjs/common';
import type { RiskAssessmentView } from '@caseroom/contracts';
import { dashHighRiskThreshold, type Actor } from '@caseroom/domain';
import { PersonRepository, RiskAssessmentRepository } from '@caseroom/persistence';
import { CaseAccess } from '../cases/case-access';

/**
 * A case's risk assessments (the DASH answers, score, assessor and time), newest first. They are panel
 * content: read through the panel compartment's audience, every read written to the access log.
 */
@Injectable()
export class ReadRiskAssessments {
  constructor(
    private readonly access: CaseAccess,
    private readonly assessments: RiskAssessmentRepository,
    private readonly people: PersonRepository,
  ) {}

  async execute(actor: Actor, caseId: string): Promise<RiskAssessmentView[]> {
    const open = await this.access.openCompartment(actor, caseId, 'panel', 'read');
    const assessments = await this.assessments.forCase(caseId);
    const names = new Map(
      (await this.people.namesOf([...new Set(assessments.map((assessment) => assessment.assessedBy))])).map((person) => [
        person.id,
        person.name,
      ]),
    );
    await this.access.record(actor, caseId, [{ compartment: 'panel', action: 'read', reason: open.reason }], {
      atVersion: open.policyVersion,
    });
    return assessments.map((assessment) => ({
      id: assessment.id,
      compartment: 'panel',
      tool: assessment.tool,
      answers: assessment.answers,
      score: assessment.score,
      threshold: dashHighRiskThreshold,
      assessedBy: { id: assessment.assessedBy, name: names.get(assessment.assessedBy) ?? '' },
      assessedAt: assessment.assessedAt.toISOString(),
    }));
  }
}
