import { Injectable } from '@nestjs/common';
import { isPoliceForce, type Agency, type CaseSubject } from '@caseroom/domain';
import { AgencyRepository, UnitRepository } from '@caseroom/persistence';

/**
 * Forces that could investigate instead of the suspect's own: every police force with no recorded
 * link to the suspect (neither their force nor any force they were posted to).
 */
@Injectable()
export class CandidateForces {
  constructor(
    private readonly agencies: AgencyRepository,
    private readonly units: UnitRepository,
  ) {}

  async for(subject: CaseSubject): Promise<Agency[]> {
    const linked = new Set([subject.suspect.forceId]);
    const postedUnits = await Promise.all(subject.suspect.postings.map((posting) => this.units.findById(posting.unitId)));
    for (const unit of postedUnits) if (unit) linked.add(unit.agencyId);
    return (await this.agencies.listAll()).filter((agency) => isPoliceForce(agency.kind) && !linked.has(agency.id));
  }
}
