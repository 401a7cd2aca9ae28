import { GroupCommit } from './group-commit';

/**
 * Reads of one kind asked for in the same moment go to the database as one statement: one read in flight
 * at a time (or a few), and every key asked for meanwhile is read by the next one, which begins after they were
 * asked. A caller is therefore never answered from a read that began before it asked (whatever was
 * committed before the question, a revocation say, is seen, as with a read of its own); a quiet instance
 * reads at once, and a busy one (a whole meeting joining in the same second) holds one pooled connection
 * per kind of read instead of one per caller, leaving the others to everything else.
 */
export class GroupedRead<Key, Value> {
  private readonly reads: GroupCommit<Key, Value>;

  constructor(
    /** Reads every key given in one statement; a key it does not answer gets `absent`. */
    load: (keys: readonly Key[]) => Promise<ReadonlyMap<Key, Value>>,
    absent: Value,
    /**
     * Reads in flight at once: with two, a caller who asks while one read is under way is read for at
     * once rather than after it, and only a third waits, each one still begun after its callers asked.
     */
    maxInFlight = 1,
  ) {
    this.reads = new GroupCommit(
      async (keys) => {
        const found = await load([...new Set(keys)]);
        return keys.map((key) => (found.has(key) ? found.get(key)! : absent));
      },
      { maxInFlight },
    );
  }

  read(key: Key): Promise<Value> {
    return this.reads.submit(key);
  }
}

/**
 * Reads in flight at once for the kinds on the path of every live event and every join (a session, a
 * conference, the policy version): a meeting joining at once is not held a whole read behind the one under
 * way, and the pool keeps room for everything else.
 */
export const busyReadsInFlight = 2;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a key can go into a grouped read of uuids: anything else would fail the whole statement, and
 * with it everyone else's read, where alone it failed only its own.
 */
export const isUuid = (value: string): boolean => uuidPattern.test(value);
