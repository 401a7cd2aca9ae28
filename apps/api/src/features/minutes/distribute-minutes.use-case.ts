import { Injectable } from '@nestjs/common';
import type { ConferenceMinutesView, WithdrawMinutesCopyBody } from '@caseroom/contracts';
import { conflict, notFound, type Actor, type Conference, type MinutesCopy, type MinutesVersion } from '@caseroom/domain';
import { ConferenceRepository, MinutesRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { ConferenceAccess } from '../conferences/conference-access';
import { MinutesCopies } from './minutes-copies';
import { MinutesNotices } from './minutes-notices';
import { PrepareMinutes } from './prepare-minutes.use-case';

/**
 * Distribution inside Caseroom: one copy per recipient person (their conflicts are their own), each
 * decided at distribution and told by a notice; nothing leaves as an attachment. The organisers can
 * withdraw a copy (its link stops working, its recipient is told) and reissue one at today's policy.
 */
@Injectable()
export class DistributeMinutes {
  constructor(
    private readonly access: ConferenceAccess,
    private readonly conferences: ConferenceRepository,
    private readonly minutes: MinutesRepository,
    private readonly copies: MinutesCopies,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly notices: MinutesNotices,
    private readonly prepare: PrepareMinutes,
  ) {}

  async distribute(actor: Actor, minutesId: string): Promise<ConferenceMinutesView> {
    const { conference, version } = await this.versionFor(actor, minutesId);
    const versions = await this.minutes.versions(conference.id);
    if (versions.at(-1)?.id !== version.id) throw conflict('Only the latest version of the minutes is distributed.');
    if ((await this.minutes.copiesOf([version.id])).length > 0) throw conflict('This version has been distributed already.');
    const register = await this.conferences.register(conference.id);
    const recipients = [
      ...new Set([
        conference.chairId,
        conference.coordinatorId,
        ...register.filter((line) => line.removedAt === null).map((line) => line.userId),
      ]),
    ];
    const snapshot = await this.policyInputs.snapshot();
    const issued = await this.minutes.issue(await this.copies.prepare(snapshot, version, recipients), {
      by: actor.userId,
      at: this.copies.now(),
    });
    await this.notices.issued(conference.title, version.version, issued);
    return this.prepare.view(actor, conference, await this.minutes.draft(conference.id));
  }

  async withdraw(actor: Actor, copyId: string, body: WithdrawMinutesCopyBody): Promise<ConferenceMinutesView> {
    const { conference, copy } = await this.copyFor(actor, copyId);
    if (!(await this.minutes.withdraw(copy.id, { by: actor.userId, at: this.copies.now(), reason: body.reason })))
      throw conflict('This copy has been withdrawn already.');
    await this.notices.withdrawn(conference.title, copy);
    return this.prepare.view(actor, conference, await this.minutes.draft(conference.id));
  }

  /** A fresh copy for the same person, decided by today's policy; the old one is withdrawn and points to it. */
  async reissue(actor: Actor, copyId: string): Promise<ConferenceMinutesView> {
    const { conference, copy, version } = await this.copyFor(actor, copyId);
    await this.replace(actor, conference, version, copy, 'Replaced by a fresh copy');
    return this.prepare.view(actor, conference, await this.minutes.draft(conference.id));
  }

  /** Issues a copy in place of `copy` at today's policy and tells its recipient. */
  async replace(actor: Actor, conference: Conference, version: MinutesVersion, copy: MinutesCopy, reason: string): Promise<MinutesCopy> {
    if (copy.replacedBy) throw conflict('This copy has been replaced already.');
    const snapshot = await this.policyInputs.snapshot();
    const [fresh] = await this.copies.prepare(snapshot, version, [copy.recipientId]);
    if (!fresh) throw conflict('Its recipient can no longer receive minutes.');
    const [issued] = await this.minutes.issue([fresh], { by: actor.userId, at: this.copies.now(), replaces: { copyId: copy.id, reason } });
    await this.notices.issued(conference.title, version.version, [issued]);
    return issued;
  }

  private async versionFor(actor: Actor, minutesId: string): Promise<{ conference: Conference; version: MinutesVersion }> {
    const version = await this.minutes.findVersion(minutesId);
    if (!version) throw notFound('The minutes');
    const conference = await this.access.forOrganiser(actor, version.conferenceId).catch(() => {
      throw notFound('The minutes');
    });
    return { conference, version };
  }

  private async copyFor(actor: Actor, copyId: string): Promise<{ conference: Conference; version: MinutesVersion; copy: MinutesCopy }> {
    const copy = await this.minutes.findCopy(copyId);
    if (!copy) throw notFound('The copy');
    const { conference, version } = await this.versionFor(actor, copy.minutesId).catch(() => {
      throw notFound('The copy');
    });
    return { conference, version, copy };
  }
}
