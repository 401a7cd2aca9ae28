import { Inject, Injectable } from '@nestjs/common';
import type { ConferenceMinutesView, MinutesCopyView, MinutesDraftItemView, SaveMinutesDraftBody } from '@caseroom/contracts';
import {
  compartments,
  conflict,
  DomainError,
  type AccessRecord,
  type Actor,
  type Clock,
  type Compartment,
  type Conference,
  type MinutesDraft,
} from '@caseroom/domain';
import { ConferenceRepository, MinutesRepository, PersonRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { decide } from '@caseroom/policy';
import { CLOCK } from '../../shared/clock';
import { CaseAccess } from '../cases/case-access';
import { ConferenceAccess } from '../conferences/conference-access';
import { MinutesRecords } from './minutes-records';

/** Minutes are written once the meeting is over. */
export function requireClosed(conference: Conference): void {
  if (conference.status !== 'closed')
    throw new DomainError('CONFLICT', 'Minutes are drafted once the conference has closed.', [
      { path: 'params.conferenceId', message: 'not closed' },
    ]);
}

/**
 * The chair's (or the coordinator's) work on a conference's minutes: the draft drawn from the notes,
 * edited by revision, with the versions approved and the copies issued. Each reader sees of the draft
 * only the compartments the policy admits them to, and every read and edit of one is in the access log.
 */
@Injectable()
export class PrepareMinutes {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: ConferenceAccess,
    private readonly caseAccess: CaseAccess,
    private readonly conferences: ConferenceRepository,
    private readonly minutes: MinutesRepository,
    private readonly records: MinutesRecords,
    private readonly people: PersonRepository,
    private readonly policyInputs: PolicyInputsRepository,
  ) {}

  async read(actor: Actor, conferenceId: string): Promise<ConferenceMinutesView> {
    const conference = await this.access.forOrganiser(actor, conferenceId);
    return this.view(actor, conference, await this.minutes.draft(conferenceId));
  }

  /** Starts the draft from the notes of every compartment of every item; a draft already started is kept. */
  async start(actor: Actor, conferenceId: string): Promise<ConferenceMinutesView> {
    const conference = await this.access.forOrganiser(actor, conferenceId);
    requireClosed(conference);
    const existing = await this.minutes.draft(conferenceId);
    if (existing) return this.view(actor, conference, existing);
    const content = await this.records.draftFromNotes(await this.conferences.agenda(conferenceId));
    const draft = await this.minutes.startDraft(conferenceId, content, actor.userId, this.clock.now());
    return this.view(actor, conference, draft);
  }

  async save(actor: Actor, conferenceId: string, body: SaveMinutesDraftBody): Promise<ConferenceMinutesView> {
    const conference = await this.access.forOrganiser(actor, conferenceId);
    const draft = await this.minutes.draft(conferenceId);
    if (!draft) throw new DomainError('NOT_FOUND', 'These minutes have no draft yet: start one first.');
    if (draft.revision !== body.revision) throw stale();

    const snapshot = await this.policyInputs.snapshot();
    const viewer = await snapshot.viewer(actor.userId);
    const today = this.caseAccess.today();
    const writes: AccessRecord[] = [];
    const items = [...draft.content.items];
    for (const [index, edit] of body.items.entries()) {
      const at = items.findIndex((item) => item.itemId === edit.itemId);
      const subject = at >= 0 ? await snapshot.subject(items[at].caseId) : null;
      if (at < 0 || !viewer || !subject)
        throw new DomainError('NOT_FOUND', 'That item is not in these minutes.', [
          { path: `body.items.${index}.itemId`, message: 'not in the minutes' },
        ]);
      const summaries = { ...items[at].summaries };
      for (const compartment of compartments) {
        const text = edit.summaries[compartment];
        if (text === undefined || text === (summaries[compartment] ?? '')) continue;
        const decision = decide(viewer, subject, compartment, { today, action: 'write' });
        if (!decision.admitted)
          throw new DomainError('FORBIDDEN', `You may not write the ${compartment} summary of this item.`, [
            { path: `body.items.${index}.summaries.${compartment}`, message: 'you may not write in this compartment' },
          ]);
        if (text) summaries[compartment] = text;
        else delete summaries[compartment];
        writes.push(
          ...(await this.caseAccess.entries(actor, subject.caseId, [{ compartment, action: 'write', reason: decision.reason }], {
            atVersion: snapshot.version,
          })),
        );
      }
      items[at] = { ...items[at], summaries };
    }
    const saved = await this.minutes.saveDraft(
      conferenceId,
      body.revision,
      { items },
      { by: actor.userId, at: this.clock.now(), accessLog: writes },
    );
    if (!saved) throw stale();
    return this.view(actor, conference, await this.minutes.draft(conferenceId));
  }

  /** The minutes as this organiser may see them: of the draft, each item's admitted compartments only. */
  async view(actor: Actor, conference: Conference, draft: MinutesDraft | null): Promise<ConferenceMinutesView> {
    const versions = await this.minutes.versions(conference.id);
    const copies = await this.minutes.copiesOf(versions.map((version) => version.id));
    const downloads = await this.minutes.lastDownloads(copies.map((copy) => copy.id));
    const names = new Map(
      (await this.people.namesOf([...versions.map((version) => version.approvedBy), ...(draft ? [draft.updatedBy] : [])])).map((person) => [
        person.id,
        person.name,
      ]),
    );
    const versionOf = new Map(versions.map((version) => [version.id, version.version]));
    return {
      conferenceId: conference.id,
      conferenceTitle: conference.title,
      closedAt: (await this.conferences.meetingTimes(conference.id)).closedAt?.toISOString() ?? null,
      draft: draft && {
        revision: draft.revision,
        updatedAt: draft.updatedAt.toISOString(),
        updatedByName: names.get(draft.updatedBy) ?? 'A former member',
        items: await this.draftItems(actor, draft),
      },
      versions: versions.map((version) => ({
        minutesId: version.id,
        version: version.version,
        approvedAt: version.recordedAt.toISOString(),
        approvedByName: names.get(version.approvedBy) ?? 'A former member',
        correctionReason: version.correctionReason,
        distributedAt:
          copies
            .filter((copy) => copy.minutesId === version.id)
            .map((copy) => copy.issuedAt)
            .sort((a, b) => a.getTime() - b.getTime())[0]
            ?.toISOString() ?? null,
      })),
      copies: copies.map((copy): MinutesCopyView => ({
        copyId: copy.id,
        number: copy.number,
        version: versionOf.get(copy.minutesId) ?? 0,
        recipientId: copy.recipientId,
        recipientName: copy.recipientName,
        recipientAgencyName: copy.recipientAgencyName,
        issuedAt: copy.issuedAt.toISOString(),
        downloadedAt: downloads.get(copy.id)?.toISOString() ?? null,
        withdrawnAt: copy.withdrawnAt?.toISOString() ?? null,
        withdrawnReason: copy.withdrawnReason,
        replacedBy: copy.replacedBy,
      })),
    };
  }

  private async draftItems(actor: Actor, draft: MinutesDraft): Promise<MinutesDraftItemView[]> {
    const snapshot = await this.policyInputs.snapshot();
    const viewer = await snapshot.viewer(actor.userId);
    if (!viewer) return [];
    const today = this.caseAccess.today();
    const items: MinutesDraftItemView[] = [];
    for (const item of draft.content.items) {
      const subject = await snapshot.subject(item.caseId);
      if (!subject) continue;
      const admitted = compartments.filter((compartment) => decide(viewer, subject, compartment, { today }).admitted);
      if (admitted.length === 0) continue;
      const summaries: Partial<Record<Compartment, string>> = {};
      const reads: { compartment: Compartment; action: 'read'; reason: string }[] = [];
      for (const compartment of admitted) {
        summaries[compartment] = item.summaries[compartment] ?? '';
        if (item.summaries[compartment])
          reads.push({ compartment, action: 'read', reason: decide(viewer, subject, compartment, { today }).reason });
      }
      await this.caseAccess.record(actor, item.caseId, reads, { atVersion: snapshot.version });
      items.push({ itemId: item.itemId, number: item.number, reference: item.reference, summaries });
    }
    return items;
  }
}

const stale = () =>
  conflict('Someone saved the draft since you opened it: reload it and make your change again.', [
    { path: 'body.revision', message: 'is not the current revision' },
  ]);
