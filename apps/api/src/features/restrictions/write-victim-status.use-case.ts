import { Injectable } from '@nestjs/common';
import type { ReleaseVictimStatusBody, VictimStatusDraftBody, VictimStatusWorkView } from '@caseroom/contracts';
import { conflict, DomainError, type Actor } from '@caseroom/domain';
import { VictimStatusRepository } from '@caseroom/persistence';
import { decideStatusRelease, victimSideCompartments } from '@caseroom/policy';
import { CaseAccess, type OpenCase } from '../cases/case-access';
import { ReadVictimStatusWork } from './read-victim-status-work.use-case';
import { VictimStatusNotices } from './victim-status-notices';

const compartment = victimSideCompartments.statusDraft;

/**
 * PSD of the suspect's force write a plain-language status for the victim and release it. Until released
 * the words stay in the standards compartment; released, they are fixed and reach the victim compartment,
 * and the IDVA is told. A later release supersedes an earlier one; nothing is unreleased.
 */
@Injectable()
export class WriteVictimStatus {
  constructor(
    private readonly access: CaseAccess,
    private readonly statuses: VictimStatusRepository,
    private readonly work: ReadVictimStatusWork,
    private readonly notices: VictimStatusNotices,
  ) {}

  async saveDraft(actor: Actor, caseId: string, body: VictimStatusDraftBody): Promise<VictimStatusWorkView> {
    const open = await this.openToRelease(actor, caseId);
    await this.statuses.saveDraft(caseId, body.text, actor.userId);
    await this.access.record(actor, caseId, [{ compartment, action: 'write', reason: open.reason }], { atVersion: open.policyVersion });
    return this.work.viewOf(open.record.id, open.record.reference);
  }

  async release(actor: Actor, caseId: string, body: ReleaseVictimStatusBody): Promise<VictimStatusWorkView> {
    const open = await this.openToRelease(actor, caseId);
    const released = await this.statuses.release(caseId, body.revision, actor.userId);
    if (!released)
      throw conflict('The draft has changed since you read it, or there is none: read it again before releasing it.', [
        { path: 'body.revision', message: 'not the current draft' },
      ]);
    await this.access.record(actor, caseId, [{ compartment, action: 'write', reason: open.reason }], { atVersion: open.policyVersion });
    await this.notices.released(released);
    return this.work.viewOf(open.record.id, open.record.reference);
  }

  /** The standards compartment opened to write (404 to anyone it does not admit), then the release rule's own check. */
  private async openToRelease(actor: Actor, caseId: string): Promise<OpenCase & { reason: string }> {
    const open = await this.access.openCompartment(actor, caseId, compartment, 'write');
    const decision = decideStatusRelease(open.viewer, open.subject, { today: this.access.today() });
    if (!decision.admitted)
      throw new DomainError('FORBIDDEN', "Only professional standards of the suspect's force write and release a status for the victim.");
    return { ...open, reason: decision.reason };
  }
}
