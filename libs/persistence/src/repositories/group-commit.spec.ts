import { GroupCommit } from './group-commit';

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
    const alone = new GroupCommit(retrying.write, { retryAloneOnFailure: true });
    const first = alone.submit(1);
    const retried = [alone.submit(2), alone.submit(13), alone.submit(3)].map((result) =>
      result.then(String, (error: Error) => error.message),
    );
    retrying.release();
    await first;
    expect(await Promise.all(retried)).toEqual(['4', 'unlucky', '6']);
    expect(retrying.batches).toEqual([[1], [2, 13, 3], [2], [13], [3]]);
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
