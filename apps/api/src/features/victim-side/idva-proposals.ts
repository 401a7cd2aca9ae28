import { Injectable } from '@nestjs/common';
import type { Agency } from '@caseroom/domain';
import { AgencyRepository, IdvaAllocationRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { proposeIdva, type IdvaCandidate, type IdvaProposal } from '@caseroom/policy';
import { CaseAccess, type OpenCase } from '../cases/case-access';

export interface ProposalForCase {
  readonly proposal: IdvaProposal;
  /** The IDVA services, by id, for their names. */
  readonly services: ReadonlyMap<string, Agency>;
}

/** Gathers what the proposal of an IDVA is made from (services and their areas, IDVAs and their loads) and asks the policy. */
@Injectable()
export class IdvaProposals {
  constructor(
    private readonly allocations: IdvaAllocationRepository,
    private readonly agencies: AgencyRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly access: CaseAccess,
  ) {}

  /** For a case the person has already opened: `open.subject` is what `decide()` read. */
  async forCase(open: OpenCase): Promise<ProposalForCase> {
    const caseId = open.record.id;
    const [agencies, idvas, employer] = await Promise.all([
      this.agencies.listAll(),
      this.allocations.findActiveIdvas(),
      this.allocations.policeEmployerOfVictim(caseId),
    ]);
    const ids = idvas.map((idva) => idva.id);
    const [viewers, caseloads] = await Promise.all([this.policyInputs.viewers(ids), this.allocations.openCaseloads(ids, caseId)]);
    const candidates: IdvaCandidate[] = idvas.flatMap((idva) => {
      const viewer = viewers.get(idva.id);
      return viewer ? [{ viewer, name: idva.name, caseload: caseloads.get(idva.id) ?? 0 }] : [];
    });
    const services = agencies.filter((agency) => agency.kind === 'idva_service');
    const proposal = proposeIdva({
      subject: open.subject,
      victimEmployerForceId: employer,
      services: services.map((service) => ({ serviceId: service.id, servesForceIds: service.servesForceIds })),
      candidates,
      today: this.access.today(),
    });
    return { proposal, services: new Map(services.map((service) => [service.id, service])) };
  }
}
