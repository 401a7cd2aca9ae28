import { Injectable } from '@nestjs/common';
import type { ApproveMinutesBody, ConferenceMinutesView } from '@caseroom/contracts';
import { compartments, DomainError, type AccessRecord, type Actor } from '@caseroom/domain';
import { ConferenceRepository, MinutesRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { decide } from '@caseroom/policy';
import { CaseAccess } from '../cases/case-access';
import { ConferenceAccess } from '../conferences/conference-access';
import { MinutesNotices } from './minutes-notices';
import { MinutesRecords } from './minutes-records';
import { PrepareMinutes, requireClosed } from './prepare-minutes.use-case';

/**
 * The chair (or the coordinator for the chair) approves the draft: the whole record of the meeting is
 * appended as a version, chained like decisions and never changed. A later approval is a correction,
 * with its reason; whoever holds a copy of the version it replaces is told.
 */
@Injectable()
export class ApproveMinutes {
  constructor(
    private readonly access: ConferenceAccess,
    private readonly caseAccess: CaseAccess,
    private readonly conferences: ConferenceRepository,
    private readonly minutes: MinutesRepository,
    private readonly records: MinutesRecords,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly notices: MinutesNotices,
    private readonly prepare: PrepareMinutes,
  ) {}

  async execute(actor: Actor, conferenceId: string, body: ApproveMinutesBody): Promise<ConferenceMinutesView> {
    const conference = await this.access.forOrganiser(actor, conferenceId);
    requireClosed(conference);
    const draft = await this.minutes.draft(conferenceId);
    if (!draft) throw new DomainError('NOT_FOUND', 'These minutes have no draft yet: start one first.');
    const versions = await this.minutes.versions(conferenceId);
    const last = versions.at(-1) ?? null;
    if (last && !body.correctionReason)
      throw new DomainError('VALIDATION_FAILED', 'These minutes were approved already: say why they are corrected.', [
        { path: 'body.correctionReason', message: 'is required for a correction' },
      ]);
    if (!last && body.correctionReason)
      throw new DomainError('VALIDATION_FAILED', 'There is nothing to correct yet: these are the first minutes.', [
        { path: 'body.correctionReason', message: 'only for a correction' },
      ]);

    const agenda = await this.conferences.agenda(conferenceId);
    const content = await this.records.content(conference, agenda, draft.content, this.caseAccess.today());
    const version = await this.minutes.approve(
      {
        conferenceId,
        version: (last?.version ?? 0) + 1,
        content,
        approvedBy: actor.userId,
        supersedes: last && { id: last.id, reason: body.correctionReason! },
        draftRevision: body.revision,
      },
      await this.approvalLog(
        actor,
        agenda.map((item) => item.caseId),
      ),
    );
    if (last) {
      const holders = (await this.minutes.copiesOf([last.id])).filter((copy) => copy.withdrawnAt === null).map((copy) => copy.recipientId);
      await this.notices.corrected(conference.title, version.version, version.id, holders);
    }
    return this.prepare.view(actor, conference, await this.minutes.draft(conferenceId));
  }

  /** Approving writes the record of every compartment the approver is admitted to write. */
  private async approvalLog(actor: Actor, caseIds: readonly string[]): Promise<AccessRecord[]> {
    const snapshot = await this.policyInputs.snapshot();
    const viewer = await snapshot.viewer(actor.userId);
    if (!viewer) return [];
    const today = this.caseAccess.today();
    const rows: AccessRecord[] = [];
    for (const caseId of new Set(caseIds)) {
      const subject = await snapshot.subject(caseId);
      if (!subject) continue;
      const writes = compartments.flatMap((compartment) => {
        const decision = decide(viewer, subject, compartment, { today, action: 'write' });
        return decision.admitted ? [{ compartment, action: 'write' as const, reason: `${decision.reason}; minutes approved` }] : [];
      });
      rows.push(...(await this.caseAccess.entries(actor, caseId, writes, { atVersion: snapshot.version })));
    }
    return rows;
  }
}
