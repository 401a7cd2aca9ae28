import { Injectable } from '@nestjs/common';
import type { AccessView } from '@caseroom/contracts';
import { DomainError, type Actor } from '@caseroom/domain';
import { AccessLogRepository, PersonRepository } from '@caseroom/persistence';
import { decideAudit } from '@caseroom/policy';
import { CaseAccess } from './case-access';

/** "Who has seen this case": for the chair, PSD of the suspect's force and the IOPC. */
@Injectable()
export class WhoHasSeen {
  constructor(
    private readonly access: CaseAccess,
    private readonly accessLog: AccessLogRepository,
    private readonly people: PersonRepository,
  ) {}

  async execute(actor: Actor, caseId: string): Promise<AccessView[]> {
    const open = await this.access.open(actor, caseId);
    if (!decideAudit(open.viewer, open.subject, { today: this.access.today() }).admitted) {
      throw new DomainError(
        'FORBIDDEN',
        'Only the chair, professional standards of the force concerned and the IOPC can see who has seen a case.',
      );
    }
    const people = new Map((await this.people.listAll()).map((person) => [person.id, person]));
    return (await this.accessLog.forCase(caseId)).map((line) => ({
      occurredAt: line.occurredAt,
      viewerId: line.viewerId,
      viewerName: people.get(line.viewerId)?.name ?? '',
      viewerAgencyId: people.get(line.viewerId)?.agencyId ?? '',
      compartment: line.compartment,
      action: line.action,
      channel: line.channel,
      policyVersion: line.policyVersion,
      reason: line.reason,
    }));
  }
}
