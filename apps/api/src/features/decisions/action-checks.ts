import { Injectable } from '@nestjs/common';
import type { RecordActionBody } from '@caseroom/contracts';
import { invalid, type ErrorDetail } from '@caseroom/domain';
import { AgencyRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { decide } from '@caseroom/policy';
import { CaseAccess } from '../cases/case-access';

/** An action is owned by one of the case's (or the conference's) agencies, and optionally by someone of it who may see its compartment. */
@Injectable()
export class ActionChecks {
  constructor(
    private readonly agencies: AgencyRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly caseAccess: CaseAccess,
  ) {}

  async requireOwner(body: RecordActionBody, memberAgencyIds: readonly string[], caseId: string): Promise<void> {
    const problems: ErrorDetail[] = [];
    if (!memberAgencyIds.includes(body.ownerAgencyId) || !(await this.agencies.findById(body.ownerAgencyId)))
      problems.push({ path: 'body.ownerAgencyId', message: 'is not an agency of this case or its conference' });
    if (body.ownerUserId) {
      const [owner, subject] = await Promise.all([this.policyInputs.viewer(body.ownerUserId), this.policyInputs.subject(caseId)]);
      const isAdmitted = !!owner && !!subject && decide(owner, subject, body.compartment, { today: this.caseAccess.today() }).admitted;
      if (!owner || owner.agencyId !== body.ownerAgencyId || !isAdmitted)
        problems.push({ path: 'body.ownerUserId', message: 'must be someone of the owning agency who may see this compartment' });
    }
    if (problems.length > 0) throw invalid('The action is not valid.', problems);
  }
}
