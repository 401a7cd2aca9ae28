/*
 * Benchmark: live notes, Caseroom beside a plain Hocuspocus server fed the same Yjs workload, in the same
 * run. Run with `npm run bench:notes` (needs PostgreSQL and Redis). See docs/benchmarks.md.
 */
import * as Y from 'yjs';
import { CaseroomNotes } from './support/caseroom';
import { ms, percentile, ratio } from './support/figures';
import { HocuspocusNotes } from './support/hocuspocus';
import { appendParagraphs, paragraphCount, watchParagraphs, type NotesClient, type NotesServer } from './support/notes-workload';
import { mapLimited, sleep, within } from './support/pacing';

const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Seconds of typing measured per scenario and server; a warm-up before them is not measured. */
const typingSeconds = Number(process.env.BENCH_SECONDS ?? 8);
const warmUpSeconds = 2;
/** How long an edit may take to reach every receiver (or be acknowledged) before it counts as lost. */
const deliveryTimeoutMs = 10_000;
/** Clients joining a room at once while the scenarios set up (joins are measured only in J1). */
const joinsAtOnce = 8;

interface TypingScenario {
  readonly label: string;
  readonly rooms: number;
  readonly clients: number;
  readonly typists: number;
  readonly editsPerSecond: number;
}

const allTypingScenarios: readonly TypingScenario[] = [
  { label: 'F1', rooms: 1, clients: 20, typists: 1, editsPerSecond: 50 },
  { label: 'F2', rooms: 10, clients: 10, typists: 2, editsPerSecond: 10 },
  { label: 'F3', rooms: 1, clients: 50, typists: 5, editsPerSecond: 10 },
];
/** BENCH_ONLY=F2,J1 runs only the scenarios named (F1, F2, F3, J1, C1), for looking into one of them. */
const only = process.env.BENCH_ONLY?.split(',').map((label) => label.trim().toUpperCase());
const runs = (label: string) => !only || only.includes(label);
const typingScenarios = allTypingScenarios.filter((scenario) => runs(scenario.label));
const joiners = 20;
/** About 1 MB of notes: a thousand paragraphs of a thousand characters, typed fifty to an update (~50 KB). */
const bigDocument = { paragraphs: 1000, paragraphLength: 1000, perUpdate: 50 };
/** Idle connections per batch; C1 seats two batches (see runIdle). */
const idleConnections = 200;
/** Each seat a person of its own on Caseroom (its rate limit is per person): as many as the largest room. */
const accounts = Math.max(joiners + 1, ...allTypingScenarios.map((scenario) => scenario.clients));

const sentence = 'The panel agreed the safety plan: refuge place confirmed, police marker on the address, review in a week. ';
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => from + index);

/** Edits sent and their arrivals. Each edit's paragraph starts with its number, to look its sending time up. */
class Deliveries {
  readonly latencies: number[] = [];
  expected = 0;
  unknown = 0;
  private sent = 0;
  private readonly awaited = new Map<number, { at: number; receivers: number; measured: boolean }>();

  /** Registers an edit about to be sent; returns its paragraph's text. */
  send(receivers: number, measured: boolean): string {
    this.sent += 1;
    this.expected += receivers;
    this.awaited.set(this.sent, { at: performance.now(), receivers, measured });
    return `#${this.sent} ${sentence}`;
  }

  arrived(text: string): void {
    const at = performance.now();
    const id = Number(/^#(\d+) /.exec(text)?.[1]);
    const edit = this.awaited.get(id);
    if (!edit) {
      this.unknown += 1;
      return;
    }
    if (edit.measured) this.latencies.push(at - edit.at);
    edit.receivers -= 1;
    if (edit.receivers === 0) this.awaited.delete(id);
  }

  /** Arrivals still awaited, over every edit sent. */
  get outstanding(): number {
    let count = 0;
    for (const edit of this.awaited.values()) count += edit.receivers;
    return count;
  }
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done() && performance.now() < deadline) await sleep(20);
}

/** Seats a room's clients, a few at a time; each joined client goes into `open` to be closed later. */
async function seat(server: NotesServer, room: string, seats: readonly number[], open: Set<NotesClient>): Promise<NotesClient[]> {
  return mapLimited(seats, joinsAtOnce, async (place) => {
    const client = await server.join(room, place);
    open.add(client);
    return client;
  });
}

interface TypingResult {
  readonly latencies: number[];
  /** Milliseconds from sending an update to the server's acknowledgement of it. */
  readonly acks: number[];
  readonly lost: number;
  /** The server's CPU time while the measured typing went on, as a share of one core. */
  readonly cpu: number;
  readonly problems: string[];
}

/**
 * Typists append a paragraph at a steady rate each; every other client in their room records when it
 * arrives. Edits sent during the warm-up count for delivery but not for the figures.
 */
async function runTyping(server: NotesServer, scenario: TypingScenario): Promise<TypingResult> {
  const open = new Set<NotesClient>();
  try {
    const rooms: NotesClient[][] = [];
    for (const room of await server.rooms(scenario.rooms, scenario.clients)) {
      rooms.push(await seat(server, room, range(0, scenario.clients), open));
    }
    const deliveries = new Deliveries();
    for (const client of rooms.flat()) watchParagraphs(client.doc, (text) => deliveries.arrived(text));
    const acks: number[] = [];
    const refusals: string[] = [];
    const started = performance.now();
    const measureFrom = started + warmUpSeconds * 1000;
    const until = measureFrom + typingSeconds * 1000;
    let cpuBefore = 0;
    const measuring = sleep(measureFrom - performance.now()).then(() => (cpuBefore = server.cpuSeconds()));
    const typist = async (client: NotesClient, receivers: number) => {
      const interval = 1000 / scenario.editsPerSecond;
      const writes: Promise<void>[] = [];
      // Each starts at a random point of its interval: typists do not keep step with each other.
      for (let next = started + Math.random() * interval; next < until; next += interval) {
        await sleep(next - performance.now());
        const measured = performance.now() >= measureFrom;
        const text = deliveries.send(receivers, measured);
        const sentAt = performance.now();
        writes.push(
          client.write(appendParagraphs([text])).then(
            () => void (measured && acks.push(performance.now() - sentAt)),
            (error: Error) => void refusals.push(error.message),
          ),
        );
      }
      await within(Promise.all(writes), deliveryTimeoutMs, `${scenario.label} ${server.name}: acknowledgements`);
    };
    await Promise.all(rooms.flatMap((clients) => clients.slice(0, scenario.typists).map((client) => typist(client, clients.length - 1))));
    await measuring;
    const cpu = (server.cpuSeconds() - cpuBefore) / ((performance.now() - measureFrom) / 1000);
    await waitUntil(() => deliveries.outstanding === 0, deliveryTimeoutMs);
    const lost = deliveries.outstanding;
    const problems = [
      ...(lost > 0 ? [`${lost} of ${deliveries.expected} deliveries never arrived within ${deliveryTimeoutMs} ms`] : []),
      ...(refusals.length > 0 ? [`${refusals.length} updates refused: ${[...new Set(refusals)].join(', ')}`] : []),
      ...(deliveries.unknown > 0 ? [`${deliveries.unknown} paragraphs arrived that were never sent`] : []),
    ].map((problem) => `${scenario.label} ${server.name}: ${problem}`);
    return { latencies: deliveries.latencies, acks, lost, cpu, problems };
  } finally {
    for (const client of open) client.close();
  }
}

const bigParagraph = (index: number) => `Paragraph ${index}: ${sentence.repeat(10)}`.slice(0, bigDocument.paragraphLength);

interface JoinResult {
  /** Milliseconds per join, one after another. */
  readonly sequential: number[];
  /** Milliseconds per join, all started at once. */
  readonly together: number[];
  readonly bytes: number;
  readonly problems: string[];
}

/**
 * One client types a ~1 MB document and stays, so the server keeps it loaded. Fresh clients then join:
 * from starting to connect until they hold the whole document.
 */
async function runJoins(server: NotesServer): Promise<JoinResult> {
  const open = new Set<NotesClient>();
  const problems: string[] = [];
  try {
    const [room] = await server.rooms(1, joiners + 1);
    const [holder] = await seat(server, room, [0], open);
    for (let first = 0; first < bigDocument.paragraphs; first += bigDocument.perUpdate) {
      await within(
        holder.write(appendParagraphs(range(first, first + bigDocument.perUpdate).map(bigParagraph))),
        deliveryTimeoutMs,
        `J1 ${server.name}: writing the document`,
      );
    }
    const timedJoin = async (place: number) => {
      const started = performance.now();
      const client = await server.join(room, place);
      const elapsed = performance.now() - started;
      const held = paragraphCount(client.doc);
      if (held !== bigDocument.paragraphs) problems.push(`J1 ${server.name}: a joiner got ${held} of ${bigDocument.paragraphs} paragraphs`);
      client.close();
      return elapsed;
    };
    const places = range(1, joiners + 1);
    // Unmeasured: every joiner's first join (on Caseroom, the one that acknowledges the confidentiality
    // statement), which also warms both ends up. A measured join is a returning participant's.
    for (const place of places) await timedJoin(place);
    const sequential: number[] = [];
    for (const place of places) {
      sequential.push(await timedJoin(place));
      // Let the server see the departure before the next one joins: each join is measured on its own.
      await sleep(100);
    }
    const together = await Promise.all(places.map(timedJoin));
    return { sequential, together, bytes: Y.encodeStateAsUpdate(holder.doc).byteLength, problems };
  } finally {
    for (const client of open) client.close();
  }
}

/** The server's heap after a full collection, before and after a batch of idle clients joined. */
interface HeapGrowth {
  readonly before: number;
  readonly after: number;
}

interface IdleResult {
  /** The first batch, on whatever the server had run before: it also pays for code paths used for the first time. */
  readonly first: HeapGrowth;
  /** A second batch, beside the first: what each further connection costs. */
  readonly second: HeapGrowth;
}

/**
 * Heap per idle connection: the server's heap after a full collection before and after `idleConnections`
 * clients join a room whose document is already loaded, and then idle; twice, in two rooms, the first
 * batch staying connected. The second batch is the figure: the first also pays for whatever the server
 * compiles or sets up once, which depends on what ran before (on a freshly started server, half as much again).
 */
async function runIdle(server: NotesServer): Promise<IdleResult> {
  const open = new Set<NotesClient>();
  const batch = async (): Promise<HeapGrowth> => {
    const [room] = await server.rooms(1, idleConnections + 1);
    await seat(server, room, [0], open);
    await sleep(1000);
    const before = await server.heapUsed();
    await seat(server, room, range(1, idleConnections + 1), open);
    await sleep(2000);
    return { before, after: await server.heapUsed() };
  };
  try {
    const first = await batch();
    return { first, second: await batch() };
  } finally {
    for (const client of open) client.close();
  }
}

/**
 * Runs a measurement on Caseroom, Hocuspocus, Hocuspocus, Caseroom, and pools each server's two rounds:
 * whatever drifts on the machine during a scenario (another process, the disk, the caches) falls on
 * both servers alike, and each figure rests on twice the samples.
 */
async function inBothOrders<T>(
  caseroom: NotesServer,
  hocuspocus: NotesServer,
  measure: (server: NotesServer) => Promise<T>,
  pool: (first: T, second: T) => T,
): Promise<[T, T]> {
  const caseroomFirst = await measure(caseroom);
  const hocuspocusFirst = await measure(hocuspocus);
  const hocuspocusSecond = await measure(hocuspocus);
  const caseroomSecond = await measure(caseroom);
  return [pool(caseroomFirst, caseroomSecond), pool(hocuspocusFirst, hocuspocusSecond)];
}

const pooledTyping = (first: TypingResult, second: TypingResult): TypingResult => ({
  latencies: [...first.latencies, ...second.latencies],
  acks: [...first.acks, ...second.acks],
  lost: first.lost + second.lost,
  cpu: (first.cpu + second.cpu) / 2,
  problems: [...first.problems, ...second.problems],
});

const pooledJoins = (first: JoinResult, second: JoinResult): JoinResult => ({
  sequential: [...first.sequential, ...second.sequential],
  together: [...first.together, ...second.together],
  bytes: first.bytes,
  problems: [...first.problems, ...second.problems],
});

const say = (line: string) => process.stdout.write(`${line}\n`);
const cpuShare = (share: number) => `${Math.round(share * 100)}%`;

function reportTyping(scenario: TypingScenario, caseroom: TypingResult, hocuspocus: TypingResult): void {
  const p = (result: TypingResult, at: number) => percentile(result.latencies, at);
  say(
    `bench notes ${scenario.label} caseroom_p99_ms=${ms(p(caseroom, 99))} hocuspocus_p99_ms=${ms(p(hocuspocus, 99))} ratio=${ratio(p(caseroom, 99), p(hocuspocus, 99))}`,
  );
  const lost = caseroom.lost + hocuspocus.lost;
  say(
    `  (${scenario.rooms} x ${scenario.clients} clients, ${scenario.typists} of each room typing at ${scenario.editsPerSecond} edits/s; ` +
      `p50 caseroom ${ms(p(caseroom, 50))} ms, hocuspocus ${ms(p(hocuspocus, 50))} ms, ratio ${ratio(p(caseroom, 50), p(hocuspocus, 50))}; ` +
      `${caseroom.latencies.length} and ${hocuspocus.latencies.length} deliveries measured, ${lost === 0 ? 'none' : lost} lost; ` +
      `server CPU while measured: caseroom ${cpuShare(caseroom.cpu)}, hocuspocus ${cpuShare(hocuspocus.cpu)} of a core)`,
  );
}

function reportAcks(caseroom: TypingResult, hocuspocus: TypingResult): void {
  say(`bench notes ack caseroom_p99_ms=${ms(percentile(caseroom.acks, 99))}`);
  say(
    `  (under F2: p50 ${ms(percentile(caseroom.acks, 50))} ms over ${caseroom.acks.length} updates, each acknowledged once committed to PostgreSQL; ` +
      `hocuspocus, which keeps documents in memory only, confirms having applied an update: p50 ${ms(percentile(hocuspocus.acks, 50))} ms, p99 ${ms(percentile(hocuspocus.acks, 99))} ms)`,
  );
}

function reportJoins(caseroom: JoinResult, hocuspocus: JoinResult): void {
  const sequential = (result: JoinResult, at: number) => percentile(result.sequential, at);
  const together = (result: JoinResult, at: number) => percentile(result.together, at);
  const megabytes = (bytes: number) => (bytes / 1_000_000).toFixed(2);
  say(
    `bench notes J1 caseroom_p50_ms=${ms(sequential(caseroom, 50))} hocuspocus_p50_ms=${ms(sequential(hocuspocus, 50))} ratio=${ratio(sequential(caseroom, 50), sequential(hocuspocus, 50))}`,
  );
  say(
    `  (${caseroom.sequential.length} joins one after another, in rounds of ${joiners}, to a warm document of ${megabytes(caseroom.bytes)} MB (hocuspocus ${megabytes(hocuspocus.bytes)} MB), ` +
      `${bigDocument.paragraphs} paragraphs; p99 caseroom ${ms(sequential(caseroom, 99))} ms, hocuspocus ${ms(sequential(hocuspocus, 99))} ms)`,
  );
  say(
    `bench notes J1x20 caseroom_p99_ms=${ms(together(caseroom, 99))} hocuspocus_p99_ms=${ms(together(hocuspocus, 99))} ratio=${ratio(together(caseroom, 99), together(hocuspocus, 99))}`,
  );
  say(
    `  (${joiners} joins at once, in each of ${caseroom.together.length / joiners} rounds; p50 caseroom ${ms(together(caseroom, 50))} ms, hocuspocus ${ms(together(hocuspocus, 50))} ms)`,
  );
}

function reportIdle(caseroom: IdleResult, hocuspocus: IdleResult): void {
  const perConnection = ({ before, after }: HeapGrowth) => (after - before) / idleConnections / 1024;
  const kilobytes = (growth: HeapGrowth) => perConnection(growth).toFixed(1);
  const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  say(
    `bench notes C1 caseroom_heap_kb=${kilobytes(caseroom.second)} hocuspocus_heap_kb=${kilobytes(hocuspocus.second)} ratio=${ratio(perConnection(caseroom.second), perConnection(hocuspocus.second))}`,
  );
  say(
    `  (${idleConnections} idle connections beside ${idleConnections} others, each in a room with the document open; heap after a full collection: ` +
      `caseroom ${megabytes(caseroom.second.before)} -> ${megabytes(caseroom.second.after)} MiB, hocuspocus ${megabytes(hocuspocus.second.before)} -> ${megabytes(hocuspocus.second.after)} MiB; ` +
      `the first ${idleConnections}: caseroom ${kilobytes(caseroom.first)} KB, hocuspocus ${kilobytes(hocuspocus.first)} KB each)`,
  );
}

async function main(): Promise<void> {
  let caseroom: CaseroomNotes | undefined;
  let hocuspocus: HocuspocusNotes | undefined;
  const problems: string[] = [];
  try {
    say(`starting Caseroom (a database of its own, ${accounts} accounts) and Hocuspocus...`);
    caseroom = await CaseroomNotes.start({ baseUrl, redisUrl, accounts });
    hocuspocus = await HocuspocusNotes.start();
    for (const scenario of typingScenarios) {
      say(`${scenario.label}: ${warmUpSeconds} s warm-up and ${typingSeconds} s measured, twice on each server...`);
      const [onCaseroom, onHocuspocus] = await inBothOrders(caseroom, hocuspocus, (server) => runTyping(server, scenario), pooledTyping);
      problems.push(...onCaseroom.problems, ...onHocuspocus.problems);
      reportTyping(scenario, onCaseroom, onHocuspocus);
      if (scenario.label === 'F2') reportAcks(onCaseroom, onHocuspocus);
    }
    if (runs('J1')) {
      say('J1: a ~1 MB document, joined one after another and all at once, twice on each server...');
      const [caseroomJoins, hocuspocusJoins] = await inBothOrders(caseroom, hocuspocus, runJoins, pooledJoins);
      problems.push(...caseroomJoins.problems, ...hocuspocusJoins.problems);
      reportJoins(caseroomJoins, hocuspocusJoins);
    }
    if (runs('C1')) {
      say(`C1: ${idleConnections} idle connections...`);
      reportIdle(await runIdle(caseroom), await runIdle(hocuspocus));
    }
  } finally {
    try {
      await caseroom?.close();
    } finally {
      await hocuspocus?.close();
    }
  }
  if (problems.length > 0) throw new Error(`the run failed:\n${problems.join('\n')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
