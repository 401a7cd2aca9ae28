import { Injectable } from '@nestjs/common';
import { GroupCommit, NoteRepository, type PendingUpdate } from '@caseroom/persistence';

/**
 * Group commit for notes updates: one append in flight at a time, whatever arrives meanwhile in the next,
 * so a quiet document commits at once and a busy one in batches, with no timer. Each caller learns when
 * its own update is committed (or refused for a stale epoch).
 */
@Injectable()
export class UpdateLog {
  private readonly appends: GroupCommit<PendingUpdate, boolean>;

  constructor(notes: NoteRepository) {
    this.appends = new GroupCommit((batch) => notes.append(batch));
  }

  /** Resolves true once the update is committed; false if its epoch is no longer the document's. */
  append(update: PendingUpdate): Promise<boolean> {
    return this.appends.submit(update);
  }

  /** Waits for everything queued so far (for shutdown). */
  drain(): Promise<void> {
    return this.appends.drain();
  }
}
