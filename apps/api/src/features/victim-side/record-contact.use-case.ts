import { Injectable } from '@nestjs/common';
import type { RecordContactBody, VictimContactView } from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { PersonRepository, VictimContactRepository } from '@caseroom/persistence';
import { victimSideCompartments } from '@caseroom/policy';
import { CaseAccess } from '../cases/case-access';
import { toContactView } from './victim-side-views';

const compartment = victimSideCompartments.contactLog;

/** A contact with the victim, added to the log by someone the policy admits to write the victim compartment. */
@Injectable()
export class RecordContact {
  constructor(
    private readonly access: CaseAccess,
    private readonly contacts: VictimContactRepository,
    private readonly people: PersonRepository,
  ) {}

  async execute(actor: Actor, caseId: string, body: RecordContactBody): Promise<VictimContactView> {
    const open = await this.access.openCompartment(actor, caseId, compartment, 'write');
    const contact = await this.contacts.add({ caseId, ...body, recordedBy: actor.userId });
    await this.access.record(actor, caseId, [{ compartment, action: 'write', reason: open.reason }], { atVersion: open.policyVersion });
    const names = new Map((await this.people.namesOf([actor.userId])).map((person) => [person.id, person.name]));
    return toContactView(contact, names);
  }
}
