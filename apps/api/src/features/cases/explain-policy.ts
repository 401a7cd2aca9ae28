import { Injectable } from '@nestjs/common';
import { compartments, notFound, type Compartment } from '@caseroom/domain';
import { AgencyRepository, CaseRepository, PersonRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { decide, type Decision } from '@caseroom/policy';

export interface PolicyExplanation {
  readonly reference: string;
  readonly on: string;
  readonly rows: readonly { name: string; email: string; agency: string; roles: string; decisions: Record<Compartment, Decision> }[];
}

/** Everyone x every compartment of one case, with the decision and its reason. */
@Injectable()
export class ExplainPolicy {
  constructor(
    private readonly cases: CaseRepository,
    private readonly people: PersonRepository,
    private readonly agencies: AgencyRepository,
    private readonly policyInputs: PolicyInputsRepository,
  ) {}

  async execute(reference: string, today: string): Promise<PolicyExplanation> {
    const record = await this.cases.findByReference(reference);
    const subject = record ? await this.policyInputs.subject(record.id) : null;
    if (!record || !subject) throw notFound('The case');
    const agencyNames = new Map((await this.agencies.listAll()).map((agency) => [agency.id, agency.name]));
    const rows = [];
    const people = await this.people.listAll();
    const profiles = await this.policyInputs.viewers(people.map((person) => person.id));
    for (const person of people) {
      const viewer = profiles.get(person.id)!;
      const decisions = Object.fromEntries(
        compartments.map((compartment) => [compartment, decide(viewer, subject, compartment, { today })]),
      ) as Record<Compartment, Decision>;
      rows.push({
        name: person.name,
        email: person.email,
        agency: agencyNames.get(person.agencyId) ?? '',
        roles: person.roles.join(','),
        decisions,
      });
    }
    return { reference, on: today, rows };
  }
}

export function formatExplanation(explanation: PolicyExplanation): string {
  const cell = (decision: Decision) => `${decision.admitted ? 'ADMIT' : 'deny '} ${decision.reason}`;
  const lines = [`Who can see what in ${explanation.reference}, on ${explanation.on}`, ''];
  for (const row of explanation.rows) {
    lines.push(`${row.name} <${row.email}> (${row.agency}; ${row.roles})`);
    for (const compartment of compartments) lines.push(`  ${compartment.padEnd(14)} ${cell(row.decisions[compartment])}`);
  }
  return `${lines.join('\n')}\n`;
}
