interface Waiting<Item, Result> {
  readonly item: Item;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: one write in flight at a time, and whatever arrives meanwhile goes into the next one, so a
 * quiet writer commits at once and a busy one in batches, with no timer. Each caller learns the outcome
 * of its own item. If a batch fails, every item in it fails, or, with `retryAloneOnFailure`, is written
 * again on its own, so that one bad item fails only its caller.
 */
export class GroupCommit<Item, Result> {
  private queue: Waiting<Item, Result>[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    /** Writes a batch; answers one result per item, in order. */
    private readonly write: (items: readonly Item[]) => Promise<readonly Result[]>,
    private readonly options: { readonly retryAloneOnFailure?: boolean } = {},
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Waits for everything submitted so far (for shutdown). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        const results = await this.write(batch.map((waiting) => waiting.item));
        batch.forEach((waiting, index) => waiting.resolve(results[index]));
      } catch (error) {
        if (!this.options.retryAloneOnFailure) {
          for (const waiting of batch) waiting.reject(error);
          continue;
        }
        for (const waiting of batch) {
          await this.write([waiting.item]).then(([result]) => waiting.resolve(result), waiting.reject);
        }
      }
    }
    this.flushing = null;
  }
}
