import { GroupedRead, isUuid } from './grouped-read';

/** A loader that records each read it was asked for and answers every key with the read's number; the first read waits until released. */
function loader() {
  const reads: string[][] = [];
  let release: () => void = () => undefined;
  const load = async (keys: readonly string[]) => {
    reads.push([...keys]);
    const number = reads.length;
    if (number === 1) await new Promise<void>((resolve) => (release = resolve));
    return new Map(keys.filter((key) => key !== 'missing').map((key) => [key, `read ${number}`]));
  };
  return { reads, load, release: () => release() };
}

describe('grouped read', () => {
  it('reads what is asked while a read is in flight together, in the next read, each key once', async () => {
    const { reads, load, release } = loader();
    const grouped = new GroupedRead(load, 'none');
    const first = grouped.read('a');
    const later = [grouped.read('b'), grouped.read('c'), grouped.read('b'), grouped.read('missing')];
    release();
    expect(await first).toBe('read 1');
    expect(await Promise.all(later)).toEqual(['read 2', 'read 2', 'read 2', 'none']);
    expect(reads).toEqual([['a'], ['b', 'c', 'missing']]);
  });

  it('never answers a caller from a read that began before it asked, even one of the same key', async () => {
    // A session revoked while its previous check is in flight: the check asked after the revocation must
    // be answered by a read that began after it, not share the one under way.
    const { reads, load, release } = loader();
    const grouped = new GroupedRead(load, 'none');
    const before = grouped.read('session');
    const after = grouped.read('session');
    release();
    expect([await before, await after]).toEqual(['read 1', 'read 2']);
    expect(reads).toEqual([['session'], ['session']]);
  });

  it('with two in flight, reads for a caller at once beside the read under way, and groups only those who ask while both are', async () => {
    const releases: (() => void)[] = [];
    const reads: string[][] = [];
    const grouped = new GroupedRead(
      async (keys: readonly string[]) => {
        reads.push([...keys]);
        const number = reads.length;
        await new Promise<void>((resolve) => releases.push(resolve));
        return new Map(keys.map((key) => [key, `read ${number}`]));
      },
      'none',
      2,
    );
    const first = grouped.read('a');
    const second = grouped.read('a');
    const waiting = [grouped.read('b'), grouped.read('a')];
    expect(reads).toEqual([['a'], ['a']]);
    releases[1]();
    expect(await second).toBe('read 2');
    // The third read began once the second settled, after everyone it answers had asked.
    expect(reads).toEqual([['a'], ['a'], ['b', 'a']]);
    releases[0]();
    releases[2]();
    expect([await first, ...(await Promise.all(waiting))]).toEqual(['read 1', 'read 3', 'read 3']);
  });

  it('fails the callers of a failed read, and reads again for the next caller', async () => {
    let fails = true;
    const grouped = new GroupedRead(
      (keys: readonly string[]) =>
        fails ? Promise.reject(new Error('database gone')) : Promise.resolve(new Map(keys.map((key) => [key, 'read']))),
      'none',
    );
    await expect(grouped.read('a')).rejects.toThrow('database gone');
    fails = false;
    await expect(grouped.read('a')).resolves.toBe('read');
  });

  it('tells a uuid, which may join a grouped read, from anything else, which would fail everyone in it', () => {
    expect(isUuid('8f14e45f-ceea-4e7a-9c1e-2c3d4b5a6f70')).toBe(true);
    expect(isUuid("8f14e45f-ceea-4e7a-9c1e-2c3d4b5a6f70' OR 1=1")).toBe(false);
    expect(isUuid('')).toBe(false);
  });
});
