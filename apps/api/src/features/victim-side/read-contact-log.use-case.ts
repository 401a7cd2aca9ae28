import { Injectable } from '@nestjs/common';
import type { ContactLogView } from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { PersonRepository, VictimContactRepository } from '@caseroom/persistence';
import { victimSideCompartments } from '@caseroom/policy';
import { CaseAccess } from '../cases/case-access';
import { toContactView } from './victim-side-views';

const compartment = victimSideCompartments.contactLog;

/** The contact log, for the victim compartment's audience alone; each reading is in the access log. */
@Injectable()
export class ReadContactLog {
  constructor(
    private readonly access: CaseAccess,
    private readonly contacts: VictimContactRepository,
    private readonly people: PersonRepository,
  ) {}

  async execute(actor: Actor, caseId: string): Promise<ContactLogView> {
    const open = await this.access.openCompartment(actor, caseId, compartment, 'read');
    const contacts = await this.contacts.forCase(caseId);
    await this.access.record(actor, caseId, [{ compartment, action: 'read', reason: open.reason }], { atVersion: open.policyVersion });
    const recorders = await this.people.namesOf([...new Set(contacts.map((contact) => contact.recordedBy))]);
    const names = new Map(recorders.map((person) => [person.id, person.name]));
    return {
      latestSafeContact: contacts.find((contact) => contact.safeContact !== null)?.safeContact ?? null,
      contacts: contacts.map((contact) => toContactView(contact, names)),
    };
  }
}
