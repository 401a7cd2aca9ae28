import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RiskAssessment } from '@caseroom/domain';
import { CaseRiskAssessmentEntity } from '../entities';

/** The risk assessments of cases, newest first. */
@Injectable()
export class RiskAssessmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forCase(caseId: string): Promise<RiskAssessment[]> {
    const rows = await this.dataSource
      .getRepository(CaseRiskAssessmentEntity)
      .find({ where: { caseId }, order: { assessedAt: 'DESC', id: 'ASC' } });
    return rows.map(({ id, tool, answers, score, assessedBy, assessedAt }) => ({
      id,
      caseId,
      tool,
      answers,
      score,
      assessedBy,
      assessedAt,
    }));
  }
}
