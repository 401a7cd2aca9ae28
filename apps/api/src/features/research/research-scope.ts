import { Injectable } from '@nestjs/common';
import { invitedResearchers, type Actor, type Conference } from '@caseroom/domain';
import { AgencyRepository, ConferenceRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { ConferenceAccess } from '../conferences/conference-access';

export interface NamedAgency {
  readonly agencyId: string;
  readonly agencyName: string;
}

/** What a conference asks research of: which agencies, on which cases of its agenda. */
@Injectable()
export class ResearchScope {
  constructor(
    private readonly conferences: ConferenceRepository,
    private readonly access: ConferenceAccess,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly agencies: AgencyRepository,
  ) {}

  /** The agencies of the active people invited to the conference (administrators take no part), by name. */
  async askedBy(conference: Conference): Promise<NamedAgency[]> {
    const [viewers, names] = await Promise.all([this.policyInputs.viewers(invitedResearchers(conference)), this.names()]);
    const agencyIds = new Set(
      [...viewers.values()]
        .filter((viewer) => viewer.isActive && viewer.roles.some((role) => role !== 'administrator'))
        .map((viewer) => viewer.agencyId),
    );
    return [...agencyIds]
      .map((agencyId) => ({ agencyId, agencyName: names.get(agencyId) ?? '' }))
      .sort((a, b) => a.agencyName.localeCompare(b.agencyName));
  }

  /**
   * Every agenda case x asked agency, for the cases the organiser is admitted to: someone stepped out of
   * a case does not act on it (another organiser of the conference does).
   */
  async wanted(organiser: Actor, conference: Conference): Promise<{ caseId: string; agencyId: string }[]> {
    const agenda = await this.conferences.agenda(conference.id);
    const [compartmentsByItem, agencies] = await Promise.all([
      this.access.admittedForItems(organiser.userId, agenda),
      this.askedBy(conference),
    ]);
    const caseIds = agenda.filter((item) => (compartmentsByItem.get(item.id) ?? []).length > 0).map((item) => item.caseId);
    return caseIds.flatMap((caseId) => agencies.map(({ agencyId }) => ({ caseId, agencyId })));
  }

  async names(): Promise<Map<string, string>> {
    return new Map((await this.agencies.listAll()).map((agency) => [agency.id, agency.name]));
  }
}
