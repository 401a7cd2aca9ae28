import { Injectable } from '@nestjs/common';
import type { CounterAllegationBody, CounterAllegationView } from '@caseroom/contracts';
import { invalid, type Actor, type ErrorDetail } from '@caseroom/domain';
import { AgencyRepository, CounterAllegationRepository, PersonRepository, type CounterAllegation } from '@caseroom/persistence';
import { CaseAccess } from './case-access';

/**
 * Counter-allegations on a case (decision 0025): the suspect, or someone for them, names the victim as
 * the abuser. They are recorded on the original case, in its panel compartment, so that the policy that
 * steps the suspect's colleagues out of the case steps them out of the counter-allegation as well.
 */
@Injectable()
export class CounterAllegations {
  constructor(
    private readonly access: CaseAccess,
    private readonly allegations: CounterAllegationRepository,
    private readonly agencies: AgencyRepository,
    private readonly people: PersonRepository,
  ) {}

  async record(actor: Actor, caseId: string, body: CounterAllegationBody): Promise<CounterAllegationView> {
    const open = await this.access.openCompartment(actor, caseId, 'panel', 'write');
    await this.check(body, 'body');
    const accessLog = await this.access.entries(actor, caseId, [{ compartment: 'panel', action: 'write', reason: open.reason }], {
      atVersion: open.policyVersion,
    });
    const saved = await this.allegations.record({ caseId, ...body, fromReferralId: null, recordedBy: actor.userId }, accessLog);
    const recorded = (await this.allegations.forCase(caseId)).find((allegation) => allegation.id === saved?.id);
    return this.toView(recorded!);
  }

  async list(actor: Actor, caseId: string): Promise<CounterAllegationView[]> {
    const open = await this.access.openCompartment(actor, caseId, 'panel', 'read');
    const recorded = await this.allegations.forCase(caseId);
    await this.access.record(actor, caseId, [{ compartment: 'panel', action: 'read', reason: open.reason }], {
      atVersion: open.policyVersion,
    });
    return Promise.all(recorded.map((allegation) => this.toView(allegation)));
  }

  /** The agency and the person named exist. `path` prefixes each problem's field. */
  async check(body: Pick<CounterAllegationBody, 'referringAgencyId' | 'madeBy'>, path: string): Promise<void> {
    const problems: ErrorDetail[] = [];
    if (!(await this.agencies.findById(body.referringAgencyId)))
      problems.push({ path: `${path}.referringAgencyId`, message: 'no such agency' });
    if (body.madeBy.kind === 'person' && !(await this.people.findById(body.madeBy.userId)))
      problems.push({ path: `${path}.madeBy.userId`, message: 'no such person' });
    if (problems.length > 0) throw invalid('The counter-allegation refers to something that does not exist.', problems);
  }

  private async toView(allegation: CounterAllegation): Promise<CounterAllegationView> {
    const { madeBy } = allegation;
    return {
      id: allegation.id,
      receivedOn: allegation.receivedOn,
      referringAgencyId: allegation.referringAgencyId,
      madeBy,
      madeByName: madeBy.kind === 'person' ? ((await this.people.findById(madeBy.userId))?.name ?? null) : null,
      alleged: allegation.alleged,
      howReceived: allegation.howReceived,
      fromReferralReference: allegation.fromReferralReference,
      recordedAt: allegation.recordedAt.toISOString(),
    };
  }
}
