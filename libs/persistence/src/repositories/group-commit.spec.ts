import { isStatementRefused } from './database-errors';
import { GroupCommit, KeyedGroupCommit } from './group-commit';

/** A writer that records each batch it was given and answers each item doubled, refusing any 13. */
function writer() {
  const batches: number[][] = [];
  let release: () => void = () => undefined;
  const write = async (items: readonly number[]) => {
    batches.push([...items]);
    // The first batch waits until released, so that later items queue behind it.
    if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
    if (items.includes(13)) throw new Error('unlucky');
    return items.map((item) => item * 2);
  };
  return { batches, write, release: () => release() };
}

describe('group commit', () => {
  it('writes what arrives while a write is in flight as the next batch, and answers each caller its own result', async () => {
    const { batches, write, release } = writer();
    const commit = new GroupCommit(write);
    const first = commit.submit(1);
    const queued = [commit.submit(2), commit.submit(3), commit.submit(4)];
    release();
    expect(await Promise.all([first, ...queued])).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    await commit.drain();
  });

  it('fails every item of a failed batch, or with retryAloneOnFailure only the one that fails alone', async () => {
    const failing = writer();
    const together = new GroupCommit(failing.write);
    const held = together.submit(1);
    const outcomes = [together.submit(2), together.submit(13)].map((result) => result.then(String, (error: Error) => error.message));
    failing.release();
    await held;
    expect(await Promise.all(outcomes)).toEqual(['unlucky', 'unlucky']);

    const retrying = writer();
    const alone = new GroupCommit(retrying.write, { retryAloneOnFailure: () => true });
    const first = alone.submit(1);
    const retried = [alone.submit(2), alone.submit(13), alone.submit(3)].map((result) =>
      result.then(String, (error: Error) => error.message),
    );
    retrying.release();
    await first;
    expect(await Promise.all(retried)).toEqual(['4', 'unlucky', '6']);
    expect(retrying.batches).toEqual([[1], [2, 13, 3], [2], [13], [3]]);
  });

  it('retries alone only a failure the predicate blames on an item, and fails the batch at once otherwise', async () => {
    const blamed: string[] = [];
    const retrying = writer();
    const judged = new GroupCommit(retrying.write, {
      retryAloneOnFailure: (error) => {
        blamed.push((error as Error).message);
        return false;
      },
    });
    const first = judged.submit(1);
    const failed = [judged.submit(2), judged.submit(13)].map((result) => result.then(String, (error: Error) => error.message));
    retrying.release();
    await first;
    expect(await Promise.all(failed)).toEqual(['unlucky', 'unlucky']);
    expect(retrying.batches).toEqual([[1], [2, 13]]);
    expect(blamed).toEqual(['unlucky']);
  });

  it('drains: resolves once everything submitted so far is written', async () => {
    const { write, release } = writer();
    const commit = new GroupCommit(write);
    const results: number[] = [];
    for (const item of [5, 6]) void commit.submit(item).then((result) => results.push(result));
    const drained = commit.drain();
    release();
    await drained;
    expect(results).toEqual([10, 12]);
  });
});

/** Writes that each wait until released by hand, recording what each batch held. */
function heldWrites() {
  const writes: { items: string[]; release: (fail?: boolean) => void }[] = [];
  const write = (items: readonly string[]) =>
    new Promise<readonly string[]>((resolve, reject) => {
      writes.push({
        items: [...items],
        release: (fail = false) => (fail ? reject(new Error('refused')) : resolve(items.map((item) => `${item} stored`))),
      });
    });
  return { writes, write };
}

describe('keyed group commit', () => {
  const keyOf = (item: string) => item.split('.')[0];
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('writes other keys beside a write in flight, and a busy key’s items together once its write settled', async () => {
    const { writes, write } = heldWrites();
    const commit = new KeyedGroupCommit(keyOf, write, 3);
    const a1 = commit.submit('a.1');
    const a2 = commit.submit('a.2');
    const b1 = commit.submit('b.1');
    const a3 = commit.submit('a.3');
    // a.2 waits for a.1's write; b.1 goes beside it; a.3 joins a.2.
    expect(writes.map((each) => each.items)).toEqual([['a.1'], ['b.1']]);
    writes[0].release();
    expect(await a1).toBe('a.1 stored');
    expect(writes.map((each) => each.items)).toEqual([['a.1'], ['b.1'], ['a.2', 'a.3']]);
    writes[1].release();
    writes[2].release();
    expect(await Promise.all([a2, b1, a3])).toEqual(['a.2 stored', 'b.1 stored', 'a.3 stored']);
    await commit.drain();
  });

  it('keeps at most its number of writes in flight, the rest waiting together for the first to settle', async () => {
    const { writes, write } = heldWrites();
    const commit = new KeyedGroupCommit(keyOf, write, 2);
    const results = ['a.1', 'b.1', 'c.1', 'd.1', 'a.2'].map((item) => commit.submit(item));
    expect(writes.map((each) => each.items)).toEqual([['a.1'], ['b.1']]);
    writes[1].release();
    await results[1];
    expect(writes.map((each) => each.items)).toEqual([['a.1'], ['b.1'], ['c.1', 'd.1']]);
    writes[0].release();
    await results[0];
    expect(writes.map((each) => each.items)).toEqual([['a.1'], ['b.1'], ['c.1', 'd.1'], ['a.2']]);
    writes[2].release();
    writes[3].release();
    await Promise.all(results);
  });

  it('fails only the items of a failed write; a key’s later items are written after it, not with it', async () => {
    const { writes, write } = heldWrites();
    const commit = new KeyedGroupCommit(keyOf, write, 3);
    const outcomes = ['a.1', 'b.1', 'a.2'].map((item) => commit.submit(item).then(String, (error: Error) => error.message));
    writes[0].release(true);
    await settle();
    expect(writes.map((each) => each.items)).toEqual([['a.1'], ['b.1'], ['a.2']]);
    writes[1].release();
    writes[2].release();
    expect(await Promise.all(outcomes)).toEqual(['refused', 'b.1 stored', 'a.2 stored']);
  });

  it('drains: resolves once nothing is queued or in flight', async () => {
    const { writes, write } = heldWrites();
    const commit = new KeyedGroupCommit(keyOf, write, 3);
    const done: string[] = [];
    for (const item of ['a.1', 'a.2']) void commit.submit(item).then((result) => done.push(result));
    let drained = false;
    const draining = commit.drain().then(() => (drained = true));
    writes[0].release();
    await settle();
    expect(drained).toBe(false);
    writes[1].release();
    await draining;
    expect(done).toEqual(['a.1 stored', 'a.2 stored']);
  });
});

describe('a statement refused, as group commits judge a failed batch', () => {
  it('is an error the database answered about the statement, not the connection or the server', () => {
    // As TypeORM wraps what the driver reports.
    expect(isStatementRefused({ driverError: { code: '23503', severity: 'ERROR' } })).toBe(true);
    expect(isStatementRefused({ code: '22P02', severity: 'ERROR' })).toBe(true);
    expect(isStatementRefused({ driverError: { code: '57P01', severity: 'FATAL' } })).toBe(false);
    expect(isStatementRefused({ code: '08006', severity: 'FATAL' })).toBe(false);
    expect(isStatementRefused({ code: '53300', severity: 'FATAL' })).toBe(false);
    expect(isStatementRefused(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isStatementRefused(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(isStatementRefused(undefined)).toBe(false);
  });
});
