import { Injectable } from '@nestjs/common';
import type { MinutesFormat, MinutesRendition, MyMinutesCopyView } from '@caseroom/contracts';
import { DomainError, notFound, type Actor, type MinutesCopy, type MinutesVersion } from '@caseroom/domain';
import { ConferenceRepository, MinutesRepository, PersonRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { FrameGate } from '@caseroom/realtime';
import { CaseAccess } from '../cases/case-access';
import { RefusalTrace } from '../exposure/refusal-trace';
import { DistributeMinutes } from './distribute-minutes.use-case';
import { MinutesCopies } from './minutes-copies';
import { MinutesRendering } from './minutes-rendering';
import { renditionOf } from './rendition';

export interface MinutesFile {
  readonly bytes: Buffer;
  readonly contentType: string;
  readonly fileName: string;
  /** The person's epoch the file was decided at: it is sent only if that still holds as it is written. */
  readonly epoch: number;
}

const contentTypes: Record<MinutesFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
};

/**
 * A recipient's side of minutes: their copies, each opened in the browser or downloaded as PDF or Word,
 * made again from the approved version and what the copy holds. A withdrawn copy is not served; nor is
 * one holding something the policy no longer gives its recipient (a conflict recorded since): a fresh
 * copy is offered instead. Every download is a disclosure in the access log, and every refusal is in
 * the chained record of the copy.
 */
@Injectable()
export class ReceiveMinutes {
  constructor(
    private readonly minutes: MinutesRepository,
    private readonly conferences: ConferenceRepository,
    private readonly copies: MinutesCopies,
    private readonly people: PersonRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly caseAccess: CaseAccess,
    private readonly distribute: DistributeMinutes,
    private readonly gate: FrameGate,
    private readonly rendering: MinutesRendering,
    private readonly refusals: RefusalTrace,
  ) {}

  async mine(actor: Actor): Promise<MyMinutesCopyView[]> {
    const copies = await this.minutes.copiesFor(actor.userId);
    const versions = await this.minutes.findVersions(copies.map((copy) => copy.minutesId));
    const snapshot = await this.policyInputs.snapshot();
    const views: MyMinutesCopyView[] = [];
    for (const copy of copies) {
      const version = versions.get(copy.minutesId)!;
      views.push({
        copyId: copy.id,
        conferenceId: version.conferenceId,
        number: copy.number,
        version: version.version,
        conferenceTitle: version.content.conference.title,
        scheduledAt: version.content.conference.scheduledAt,
        issuedAt: copy.issuedAt.toISOString(),
        withdrawnAt: copy.withdrawnAt?.toISOString() ?? null,
        withdrawnReason: copy.withdrawnReason,
        stale: copy.withdrawnAt === null && (await this.copies.isStale(snapshot, version, copy)),
        replacedBy: copy.replacedBy,
      });
    }
    return views;
  }

  /** The copy as the browser shows it: the HTML of the same rendition the files are made from. */
  async view(actor: Actor, copyId: string): Promise<{ html: string; rendition: Pick<MinutesRendition, 'copy' | 'marking' | 'version'> }> {
    const { rendition, copy } = await this.deliverable(actor, copyId, 'html', 'http');
    // Fingerprinted and laid out off the event loop, as a download is.
    const rendered = await this.rendering.render({
      model: rendition,
      formats: ['html'],
      fingerprintKey: copy.fingerprintKey,
      fragment: true,
    });
    return {
      html: rendered.html!.toString('utf8'),
      rendition: { copy: rendition.copy, marking: rendition.marking, version: rendition.version },
    };
  }

  async download(actor: Actor, copyId: string, format: MinutesFormat): Promise<MinutesFile> {
    const epoch = this.gate.personEpoch(actor.userId);
    const { rendition, copy } = await this.deliverable(actor, copyId, format, 'export');
    // Rendered off the event loop that serves the live rooms, fingerprinted with the copy's own key.
    const bytes = (await this.rendering.render({ model: rendition, formats: [format], fingerprintKey: copy.fingerprintKey }))[format]!;
    const base = `minutes-${rendition.conference.title
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()}-v${rendition.version}-copy-${rendition.copy.number}`;
    return { bytes, contentType: contentTypes[format], fileName: `${base}.${format}`, epoch };
  }

  /** Whether the decision a file was made at still holds: the controller asks as it writes the bytes. */
  stillAt(actor: Actor, epoch: number): boolean {
    return this.gate.personEpoch(actor.userId) === epoch;
  }

  /** A fresh copy in place of one the recipient may no longer download. */
  async fresh(actor: Actor, copyId: string): Promise<MyMinutesCopyView> {
    const { copy, version } = await this.own(actor, copyId);
    if (copy.withdrawnAt !== null) throw new DomainError('CONFLICT', 'This copy was withdrawn; ask the MARAC coordinator for another.');
    if (!(await this.copies.isStale(await this.policyInputs.snapshot(), version, copy)))
      throw new DomainError('CONFLICT', 'Your copy is current: there is nothing to replace.');
    const conference = (await this.conferences.findById(version.conferenceId))!;
    const issued = await this.distribute.replace(actor, conference, version, copy, 'Its recipient may no longer receive all it held');
    return (await this.mine(actor)).find((view) => view.copyId === issued.id)!;
  }

  private async own(actor: Actor, copyId: string): Promise<{ copy: MinutesCopy; version: MinutesVersion }> {
    const copy = await this.minutes.findCopy(copyId);
    if (!copy) throw notFound('The copy');
    if (copy.recipientId !== actor.userId) {
      // Someone else's copy answers as one that does not exist; trying it is a refusal on every case it
      // holds that the policy keeps from this person (the trace decides which).
      // Done apart from the answer, which waits for nothing more than a copy that does not exist would.
      void this.minutes.findVersion(copy.minutesId).then(
        (theirs) => {
          for (const item of theirs?.content.items ?? []) {
            const held = copy.holds[item.itemId] ?? [];
            if (held.length > 0)
              this.refusals.note({
                personId: actor.userId,
                target: item.caseId,
                channel: 'export',
                attempt: 'download',
                compartments: held,
              });
          }
        },
        () => undefined,
      );
      throw notFound('The copy');
    }
    const version = (await this.minutes.findVersion(copy.minutesId))!;
    return { copy, version };
  }

  private async deliverable(actor: Actor, copyId: string, format: MinutesFormat, channel: 'http' | 'export') {
    const { copy, version } = await this.own(actor, copyId);
    const snapshot = await this.policyInputs.snapshot();
    const refuse = async (reason: string, error: DomainError) => {
      await this.minutes.recordEvent({ copyId, step: 'refused', byId: actor.userId, detail: { format, reason } });
      throw error;
    };
    if (copy.withdrawnAt !== null)
      await refuse('withdrawn', new DomainError('NOT_FOUND', 'This copy was withdrawn and can no longer be opened.'));
    if (await this.copies.isStale(snapshot, version, copy)) {
      // A refusal on each case the copy holds: the trace decides which of them the policy now refuses.
      for (const item of version.content.items) {
        const held = copy.holds[item.itemId] ?? [];
        if (held.length > 0)
          this.refusals.note({ personId: actor.userId, target: item.caseId, channel: 'export', attempt: 'download', compartments: held });
      }
      await refuse(
        'no-longer-admitted',
        new DomainError('CONFLICT', 'This copy holds something you may no longer receive. Ask for a fresh copy in its place.', [
          { path: 'params.copyId', message: 'ask for a fresh copy' },
        ]),
      );
    }
    const approver = (await this.people.namesOf([version.approvedBy]))[0];
    const rendition = renditionOf(version, copy, { approvedByName: approver?.name ?? 'A former member' });
    const disclosures = await this.copies.disclosures(snapshot, version, copy);
    const accessLog = [];
    for (const { caseId, accesses } of disclosures)
      accessLog.push(...(await this.caseAccess.entries(actor, caseId, accesses, { channel, atVersion: snapshot.version })));
    await this.minutes.recordEvent({ copyId, step: 'downloaded', byId: actor.userId, detail: { format } }, accessLog);
    return { copy, version, rendition };
  }
}
