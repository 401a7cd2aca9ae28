import { Injectable } from '@nestjs/common';
import type { Compartment } from '@caseroom/contracts';
import { DomainError, invalid, type Actor } from '@caseroom/domain';
import type { NoteKey } from '@caseroom/persistence';
import { notesJson, notesText, resolveSpan, type NotesEdit, type NotesNode, type NotesSpan } from '@caseroom/realtime';
import { LivePublisher } from '../../shared/live-publisher';
import { RecentSecondFactor } from '../../shared/recent-second-factor';
import { CaseAccess } from '../cases/case-access';
import { NoteDocuments } from './note-documents';

export interface NotesView {
  readonly caseId: string;
  readonly compartment: Compartment;
  readonly text: string;
  readonly content: NotesNode[];
}

/** `panel` reaches everyone on the case; every other compartment reaches fewer. */
const isNarrower = (to: Compartment, from: Compartment) => from === 'panel' && to !== 'panel';

/** Reading notes outside the room, and rewriting them: moving text to a narrower compartment, or redacting it. */
@Injectable()
export class NotesService {
  constructor(
    private readonly access: CaseAccess,
    private readonly documents: NoteDocuments,
    private readonly publisher: LivePublisher,
    private readonly recentSecondFactor: RecentSecondFactor,
  ) {}

  /** The compartment's notes as text and as structured JSON, for minutes. Policy-gated and access-logged. */
  async read(actor: Actor, caseId: string, compartment: Compartment): Promise<NotesView> {
    const open = await this.access.openCompartment(actor, caseId, compartment, 'read');
    // As for the compartment itself: the victim's notes, outside the room, ask for a recent second factor (decision 0029).
    if (compartment === 'victim') await this.recentSecondFactor.require(actor);
    const doc = await this.documents.current({ caseId, compartment });
    const view: NotesView = { caseId, compartment, text: notesText(doc), content: notesJson(doc) };
    await this.access.record(actor, caseId, [{ compartment, action: 'read', reason: open.reason }], { atVersion: open.policyVersion });
    return view;
  }

  /**
   * Moves a span from a wider compartment's notes to a narrower one's. The wider document's stored
   * history is rewritten from a garbage-collected snapshot, so the text is gone from its rows, its
   * state and what any later joiner receives; both documents get a new epoch.
   */
  async restrict(actor: Actor, caseId: string, from: Compartment, to: Compartment, span: NotesSpan): Promise<void> {
    if (!isNarrower(to, from)) {
      throw invalid('Text can only be moved from the panel notes to a narrower compartment.', [
        { path: 'to', message: 'must be narrower than from' },
      ]);
    }
    const [source, target] = await Promise.all([
      this.access.openCompartment(actor, caseId, from, 'write'),
      this.access.openCompartment(actor, caseId, to, 'write'),
    ]);
    await this.rewrite([
      { key: { caseId, compartment: from }, edit: () => ({ kind: 'remove-span', span }) },
      // The text the first rewrite took out of the wider document's stored state, appended here.
      {
        key: { caseId, compartment: to },
        edit: (moved) => ({ kind: 'append-paragraph', text: moved ?? '', attributes: { movedFrom: from } }),
      },
    ]);
    await this.access.record(actor, caseId, [
      { compartment: from, action: 'write', reason: source.reason },
      { compartment: to, action: 'write', reason: target.reason },
    ]);
  }

  /** The chair removes a span outright, from the document and from its stored history. */
  async redact(actor: Actor, caseId: string, compartment: Compartment, span: NotesSpan): Promise<void> {
    const open = await this.access.openCompartment(actor, caseId, compartment, 'read');
    if (!open.viewer.roles.includes('chair')) throw new DomainError('FORBIDDEN', 'Only the chair can redact notes.');
    await this.rewrite([{ key: { caseId, compartment }, edit: () => ({ kind: 'remove-span', span }) }]);
    await this.access.record(actor, caseId, [{ compartment, action: 'write', reason: open.reason }], { atVersion: open.policyVersion });
  }

  /**
   * Rewrites the documents in order; each edit is given the text the one before it removed. The spans
   * are first resolved on the current content, so one that does not resolve changes nothing anywhere.
   * The folds run on the compaction worker, off the event loop.
   */
  private async rewrite(changes: { key: NoteKey; edit: (removedBefore: string | null) => NotesEdit }[]): Promise<void> {
    for (const { key, edit } of changes) {
      const planned = edit(null);
      if (planned.kind === 'remove-span' && !resolveSpan(await this.documents.current(key), planned.span)) throw spanNotFound();
    }
    let removedBefore: string | null = null;
    const epochs = await this.documents.rewrite(
      changes.map(({ key, edit }) => ({
        key,
        rewrite: async (stored) => {
          const planned = edit(removedBefore);
          const folded = await this.documents.foldWithEdit(stored, planned);
          if (planned.kind === 'remove-span' && folded.removed === null) throw spanNotFound();
          removedBefore = folded.removed;
          return folded.state;
        },
      })),
    );
    changes.forEach(({ key }, index) =>
      this.publisher.toCompartment(key.caseId, key.compartment, 'notes.reset', { ...key, epoch: epochs[index] }),
    );
  }
}

const spanNotFound = () =>
  invalid('The selected text is no longer in these notes: select it again.', [
    { path: 'span', message: 'does not resolve to text in this document' },
  ]);
