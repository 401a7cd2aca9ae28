import { Injectable } from '@nestjs/common';
import { NoteRepository, type PendingUpdate } from '@caseroom/persistence';

interface Waiting {
  readonly update: PendingUpdate;
  readonly settle: (stored: boolean) => void;
  readonly fail: (error: unknown) => void;
}

/**
 * Group commit for notes updates. One append is in flight at a time; whatever arrives meanwhile goes
 * into the next one, so a quiet document commits at once and a busy one commits in batches, with no
 * timer. Each caller learns when its own update is committed (or refused for a stale epoch).
 */
@Injectable()
export class UpdateLog {
  private queue: Waiting[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly notes: NoteRepository) {}

  /** Resolves true once the update is committed; false if its epoch is no longer the document's. */
  append(update: PendingUpdate): Promise<boolean> {
    return new Promise<boolean>((settle, fail) => {
      this.queue.push({ update, settle, fail });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        const stored = await this.notes.append(batch.map((waiting) => waiting.update));
        batch.forEach((waiting, index) => waiting.settle(stored[index]));
      } catch (error) {
        for (const waiting of batch) waiting.fail(error);
      }
    }
    this.flushing = null;
  }

  /** Waits for everything queued so far (for shutdown). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }
}
