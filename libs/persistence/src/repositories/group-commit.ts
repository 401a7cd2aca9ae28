interface Waiting<Item, Result> {
  readonly item: Item;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: one write in flight at a time (or up to `maxInFlight`), and whatever arrives meanwhile goes
 * into the next one, so a quiet writer commits at once and a busy one in batches, with no timer. Each
 * caller learns the outcome of its own item. If a batch fails, every item in it fails, or, where
 * `retryAloneOnFailure` blames the failure on an item, is written again on its own, so that one bad item
 * fails only its caller. A failure no item can be the cause of (the database away)
 * should not be retried item by item: each retry would meet it again, one after another.
 */
export class GroupCommit<Item, Result> {
  private queue: Waiting<Item, Result>[] = [];
  private inFlight = 0;
  private readonly settled: (() => void)[] = [];

  constructor(
    /** Writes a batch; answers one result per item, in order. */
    private readonly write: (items: readonly Item[]) => Promise<readonly Result[]>,
    private readonly options: {
      readonly retryAloneOnFailure?: (error: unknown) => boolean;
      readonly maxInFlight?: number;
    } = {},
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.start();
    });
  }

  /** Waits for everything submitted so far (for shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight > 0 || this.queue.length > 0) await new Promise<void>((resolve) => this.settled.push(resolve));
  }

  private start(): void {
    while (this.queue.length > 0 && this.inFlight < (this.options.maxInFlight ?? 1)) {
      const batch = this.queue;
      this.queue = [];
      this.inFlight += 1;
      void this.run(batch);
    }
  }

  private async run(batch: readonly Waiting<Item, Result>[]): Promise<void> {
    try {
      const results = await this.write(batch.map((waiting) => waiting.item));
      batch.forEach((waiting, index) => waiting.resolve(results[index]));
    } catch (error) {
      if (!this.options.retryAloneOnFailure?.(error)) {
        for (const waiting of batch) waiting.reject(error);
      } else {
        for (const waiting of batch) {
          await this.write([waiting.item]).then(([result]) => waiting.resolve(result), waiting.reject);
        }
      }
    } finally {
      this.inFlight -= 1;
      this.start();
      for (const resolve of this.settled.splice(0)) resolve();
    }
  }
}

/**
 * Group commit for items that belong to keys (documents): up to `maxInFlight` writes at once, each taking
 * what waits of every key that has no write in flight. A key's items are never in two writes at once, so
 * they are written in the order they were submitted, each write only after the one before it settled;
 * items of other keys need not wait for it. The write of a batch is called only once every earlier write
 * of its keys has settled (a failure it must act on, such as dropping what was tried beside a failed item,
 * is known by then).
 */
export class KeyedGroupCommit<Item, Result> {
  private queue: Waiting<Item, Result>[] = [];
  private readonly busy = new Set<string>();
  private inFlight = 0;
  private readonly settled: (() => void)[] = [];

  constructor(
    private readonly keyOf: (item: Item) => string,
    /** Writes a batch; answers one result per item, in order. */
    private readonly write: (items: readonly Item[]) => Promise<readonly Result[]>,
    private readonly maxInFlight: number,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.start();
    });
  }

  /** Waits for everything submitted so far (for shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight > 0 || this.queue.length > 0) await new Promise<void>((resolve) => this.settled.push(resolve));
  }

  private start(): void {
    while (this.inFlight < this.maxInFlight) {
      const batch: Waiting<Item, Result>[] = [];
      const waiting: Waiting<Item, Result>[] = [];
      for (const entry of this.queue) (this.busy.has(this.keyOf(entry.item)) ? waiting : batch).push(entry);
      if (batch.length === 0) return;
      this.queue = waiting;
      const keys = new Set(batch.map((entry) => this.keyOf(entry.item)));
      for (const key of keys) this.busy.add(key);
      this.inFlight += 1;
      void this.run(batch, keys);
    }
  }

  private async run(batch: readonly Waiting<Item, Result>[], keys: ReadonlySet<string>): Promise<void> {
    try {
      const results = await this.write(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(results[index]));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    } finally {
      for (const key of keys) this.busy.delete(key);
      this.inFlight -= 1;
      this.start();
      for (const resolve of this.settled.splice(0)) resolve();
    }
  }
}
