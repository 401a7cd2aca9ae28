import { Injectable } from '@nestjs/common';
import type { VictimWorkplaceBody } from '@caseroom/contracts';
import { isPoliceForce, type ErrorDetail } from '@caseroom/domain';
import { AgencyRepository, PersonRepository, UnitRepository, type RecordedVictimWorkplace } from '@caseroom/persistence';

export interface OrganisationRecords {
  readonly agencies: AgencyRepository;
  readonly units: UnitRepository;
  readonly people: PersonRepository;
}

/**
 * Checks where the victim works against the organisation records, as the suspect's workplace is checked,
 * and answers it as the case records it: `null` when she is not police staff. Picked from the records,
 * her unit and line manager are copied from her account (the policy reads the account itself, so that
 * conflicts follow it); typed, they must belong to her force. `path` prefixes each problem's field.
 */
export async function checkVictimWorkplace(
  records: OrganisationRecords,
  workplace: VictimWorkplaceBody,
  path: string,
): Promise<{ readonly workplace: RecordedVictimWorkplace | null; readonly problems: ErrorDetail[] }> {
  const { employerForceId: forceId, userId } = workplace;
  if (forceId === null) return { workplace: null, problems: [] };
  const problems: ErrorDetail[] = [];
  const force = await records.agencies.findById(forceId);
  if (!force || !isPoliceForce(force.kind)) {
    problems.push({ path: `${path}.employerForceId`, message: 'must be a police force' });
    return { workplace: null, problems };
  }
  if (userId !== null) {
    const account = await records.people.findById(userId);
    if (!account || account.agencyId !== forceId) {
      problems.push({ path: `${path}.userId`, message: "must be a person in the victim's force" });
      return { workplace: null, problems };
    }
    return { workplace: { forceId, userId, unitId: account.unitId, lineManagerId: account.lineManagerId, postings: [] }, problems };
  }
  if (workplace.unitId !== null && (await records.units.findById(workplace.unitId))?.agencyId !== forceId)
    problems.push({ path: `${path}.unitId`, message: "must be a unit of the victim's force" });
  if (workplace.lineManagerId !== null && (await records.people.findById(workplace.lineManagerId))?.agencyId !== forceId)
    problems.push({ path: `${path}.lineManagerId`, message: "must be a person in the victim's force" });
  for (const [index, posting] of workplace.postings.entries()) {
    if (!(await records.units.findById(posting.unitId)))
      problems.push({ path: `${path}.postings.${index}.unitId`, message: 'no such unit' });
  }
  const { unitId, lineManagerId, postings } = workplace;
  return { workplace: { forceId, userId: null, unitId, lineManagerId, postings }, problems };
}

/** `checkVictimWorkplace` against the organisation records, for a use case to be given. */
@Injectable()
export class VictimWorkplaces implements OrganisationRecords {
  constructor(
    readonly agencies: AgencyRepository,
    readonly units: UnitRepository,
    readonly people: PersonRepository,
  ) {}

  check(workplace: VictimWorkplaceBody, path: string): ReturnType<typeof checkVictimWorkplace> {
    return checkVictimWorkplace(this, workplace, path);
  }
}
