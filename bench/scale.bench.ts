/*
 * Benchmark: the national peak on one instance. 150 conferences of 20 people at once on one Caseroom
 * instance (with PostgreSQL and Redis on the same machine), typing, moving, deciding and dropping out as
 * a meeting does, while 20 of them start within the same five seconds; then the same work against a
 * plain Hocuspocus server. `-- --one-room` instead ramps the editors of one conference until its p95
 * fan-out passes 100 ms. Run with `npm run bench:scale` (needs PostgreSQL and Redis). See docs/benchmarks.md.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { ConferenceView } from '@caseroom/contracts';
import { dropRedisKeys } from '../libs/testing/src/redis-keys';
import { LiveClient } from '../apps/api/test/support/live-client';
import { benchmarkServerEnv, ServerProcess } from '../apps/api/test/support/server-process';
import { cpuSeconds, ms, percentile, ratio, systemCpuSeconds, writeCalls } from './support/figures';
import { HocuspocusNotes } from './support/hocuspocus';
import { histogramBetween, scrape, type Scrape } from './support/prometheus';
import { debuggerUrl, HeapProbe, inspectFlag } from './support/inspector';
import { mapLimited, sleep } from './support/pacing';
import type {
  Behaviour,
  Command,
  JoinFigures,
  Reply,
  RoomSpec,
  ScaleServer,
  SeatSpec,
  StopFigures,
  WindowFigures,
} from './support/scale-workload';

const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const oneRoom = process.argv.includes('--one-room');
/** BENCH_ONLY=caseroom or hocuspocus runs one server, for looking into it. */
const only = process.env.BENCH_ONLY as ScaleServer | undefined;
const conferences = Number(process.env.BENCH_CONFERENCES ?? 150);
const membersPerConference = Number(process.env.BENCH_MEMBERS ?? 20);
/** Conferences whose every member joins within the same `startSpreadMs`, in the middle of the measured window. */
const starting = Math.min(conferences, Number(process.env.BENCH_STARTING ?? 20));
const startSpreadMs = 5_000;
const measuredSeconds = Number(process.env.BENCH_SECONDS ?? 60);
const warmUpSeconds = 10;
const workerCount = Number(process.env.BENCH_WORKERS ?? 2);
/** One-room mode: editors added per step, how long each step is measured, and where the ramp gives up. */
const editorsStep = Number(process.env.BENCH_EDITORS_STEP ?? 10);
const editorsMax = Number(process.env.BENCH_EDITORS_MAX ?? 300);
const stepSeconds = 8;
const oneRoomLimitMs = 100;
const drainMs = 10_000;
const profileDir = process.env.BENCH_PROFILE_DIR;

/**
 * People at human speed: bursts of 2-5 s at 5-10 updates a second (a word each, with the caret), pauses
 * of 2-10 s. Meetings run faster than life: the chair moves on every 1-2 minutes (a case takes about 12),
 * and records a decision and an action every 1-2 minutes; a reader's connection drops every 20-40 s.
 */
const behaviour: Behaviour = {
  burstSeconds: [2, 5],
  updatesPerSecond: [5, 10],
  pauseSeconds: [2, 10],
  churnSeconds: oneRoom ? [0, 0] : [20, 40],
  moveSeconds: oneRoom ? [0, 0] : [60, 120],
  decisionSeconds: oneRoom ? [0, 0] : [60, 120],
};
const seed = Number(process.env.BENCH_SEED ?? 20261206);

const say = (line: string) => process.stdout.write(`${line}\n`);
const share = (seconds: number, over: number) => Math.round((seconds / over) * 100);

/** A load generator in a process of its own. */
class Generator {
  private waiting: { resolve(value: unknown): void; reject(error: Error): void } | null = null;
  private readonly ready: Promise<void>;

  constructor(private readonly child: ChildProcess) {
    let isReady!: () => void;
    this.ready = new Promise((resolveReady) => (isReady = resolveReady));
    child.on('message', (reply: Reply) => {
      if (reply.type === 'ready') return isReady();
      const waiting = this.waiting;
      this.waiting = null;
      if (reply.type === 'done') waiting?.resolve(reply.result);
      else waiting?.reject(new Error(`a load generator failed: ${reply.message}`));
    });
    child.on('exit', (code) => this.waiting?.reject(new Error(`a load generator exited with ${code}`)));
  }

  static start(): Generator {
    return new Generator(
      fork(resolve(__dirname, 'support/scale-worker.ts'), [], {
        execArgv: ['-r', '@swc-node/register'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
  }

  async ask<T>(command: Command): Promise<T> {
    await this.ready;
    return new Promise<T>((resolveAsk, reject) => {
      this.waiting = { resolve: resolveAsk, reject };
      this.child.send(command);
    });
  }

  cpuSeconds(): number {
    return cpuSeconds(this.child.pid!);
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolveExit) => this.child.once('exit', () => resolveExit()));
    await this.ask({ type: 'exit' }).catch(() => undefined);
    await Promise.race([exited, sleep(3_000).then(() => this.child.kill('SIGKILL'))]);
  }
}

/**
 * CPU time of every process with this command name (PostgreSQL's backends, Redis), in seconds, with
 * what their children that ended used (a backend that ended counts in its postmaster's).
 */
async function cpuOf(command: string): Promise<number> {
  const { readdir } = await import('node:fs/promises');
  let total = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (name.startsWith(command)) total += cpuSeconds(Number(entry), { withEndedChildren: true });
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}

async function rssMegabytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** A server under measurement, as the orchestrator sees it. */
interface Measured {
  readonly name: ScaleServer;
  readonly url: string;
  readonly pid: number;
  readonly chairToken: string;
  rooms(count: number, seats: number, typists: (index: number) => number): Promise<RoomSpec[]>;
  /** Runs `during` under the server's CPU profiler, when BENCH_PROFILE_DIR asks for it (Caseroom only). */
  profile<T>(during: () => Promise<T>): Promise<T>;
  /** The server's own metrics now (Caseroom only). */
  metrics(): Promise<Scrape | null>;
  /** What the server logged as warnings or errors, for a run that failed. */
  warnings(): string[];
  close(): Promise<void>;
}

/** Caseroom as deployed, one instance, on a database of its own, with the people and conferences of the run. */
async function startCaseroom(accounts: number): Promise<Measured> {
  const name = `caseroom_bench_test_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const databaseUrl = Object.assign(new URL(baseUrl), { pathname: `/${name}` }).toString();
  // Tokens outlive the run (sockets live no longer than the token that opened them).
  const env: Record<string, string> = {
    ...benchmarkServerEnv({ name, databaseUrl, redisUrl }),
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    // Its own figures, to set beside those measured from outside.
    METRICS_PORT: '0',
    // BENCH_POOL_SIZE: the server's database connections, for trying another figure than the deployment's.
    ...(process.env.BENCH_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE } : {}),
  };
  // BENCH_PROFILE_DIR=<folder>: the server's CPU profile of the measured window only is written there.
  const server = ServerProcess.start(env, profileDir ? [inspectFlag] : []);
  let probe: HeapProbe | null = null;
  const close = async () => {
    probe?.close();
    await server.kill('SIGTERM');
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await rm(env.DATA_DIR, { recursive: true, force: true });
    await dropRedisKeys(redisUrl, name);
  };
  try {
    const url = await server.ready();
    if (profileDir) probe = await HeapProbe.attach(await debuggerUrl(() => server.log));
    const call = async <T>(token: string | null, method: string, path: string, body?: object): Promise<T> => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const signIn = async (email: string, password: string) =>
      (await call<{ tokens: { accessToken: string } }>(null, 'POST', '/api/auth/login', { email, password })).tokens.accessToken;
    const logins = JSON.parse(await readFile(join(env.DATA_DIR, 'demo-logins.json'), 'utf8')) as { email: string; password: string }[];
    const demo = (key: string) => {
      const login = logins.find((entry) => entry.email.startsWith(`${key}@`))!;
      return signIn(login.email, login.password);
    };
    const adminToken = await demo('admin');
    const coordinator = await demo('coordinator');
    const chairToken = await demo('chair');
    const agencies = await call<{ id: string; code: string }[]>(adminToken, 'GET', '/api/agencies');
    const chairId = (await call<{ id: string; email: string }[]>(adminToken, 'GET', '/api/users')).find((person) =>
      person.email.startsWith('chair@'),
    )!.id;
    const agencyIds = agencies.filter((agency) => ['NIDVA', 'NPDU', 'NCSC'].includes(agency.code)).map((agency) => agency.id);
    const forceId = agencies.find((agency) => agency.code === 'NMP')!.id;

    say(`  ${accounts} people signing in (a password hash each, four at a time)...`);
    // Creating an account and signing in each hash a password, off the event loop: a few at a time overlap.
    const people: SeatSpec[] = await mapLimited(
      Array.from({ length: accounts }, (_, index) => index),
      4,
      async (index) => {
        const created = await call<{ id: string; email: string; initialPassword: string }>(adminToken, 'POST', '/api/users', {
          name: `Member ${index}`,
          email: `member${index}@scale-bench.caseroom.test`,
          agencyId: agencyIds[index % agencyIds.length],
          roles: ['member'],
        });
        return { userId: created.id, token: await signIn(created.email, created.initialPassword) };
      },
    );
    let made = 0;
    const newCase = async () => {
      const number = ++made;
      const { id } = await call<{ id: string }>(coordinator, 'POST', '/api/cases', {
        referral: { ground: 'visible_high_risk', referredOn: '2026-11-01', referringAgencyId: agencyIds[0], dashScore: 15 },
        agencyIds,
        victim: { pseudonym: `Client ${number}`, name: `Victim ${number}` },
        suspect: { forceId, name: `Suspect ${number}`, staffNumber: `S${number}` },
      });
      await call(coordinator, 'POST', `/api/cases/${id}/triage`, { outcome: 'accepted' });
      return id;
    };
    const chair = await LiveClient.connect(url, chairToken);
    chair.socket.offAny();
    // One chair chairs every conference here; its events are paced under the per-person rate.
    const chairSays = async (event: string, payload: object) => {
      for (;;) {
        const ack = await chair.emit(event, payload);
        if (ack.ok) return;
        if (ack.code !== 'RATE_LIMITED') throw new Error(`${event} refused: ${ack.code}`);
        await sleep(1_000);
      }
    };
    let seated = 0;
    return {
      name: 'caseroom',
      url,
      pid: server.child.pid!,
      chairToken,
      rooms: async (count, seats, typists) => {
        say(`  ${count} conferences of ${seats}, each with two cases on its agenda...`);
        const specs = await mapLimited(
          Array.from({ length: count }, (_, index) => index),
          4,
          async (index): Promise<RoomSpec> => {
            const caseIds = [await newCase(), await newCase()];
            const members = people.slice(seated + index * seats, seated + (index + 1) * seats);
            const scheduled = await call<ConferenceView>(coordinator, 'POST', '/api/conferences', {
              title: `Scale bench ${index + 1}`,
              scheduledAt: '2026-12-03T10:00:00Z',
              chairId,
              invitedUserIds: members.slice(0, 200).map((member) => member.userId),
            });
            for (let from = 200; from < members.length; from += 200) {
              await call(coordinator, 'POST', `/api/conferences/${scheduled.id}/invitations`, {
                userIds: members.slice(from, from + 200).map((member) => member.userId),
              });
            }
            let conference = scheduled;
            for (const caseId of caseIds)
              conference = await call<ConferenceView>(coordinator, 'POST', `/api/conferences/${scheduled.id}/agenda`, { caseId });
            return {
              id: conference.id,
              items: conference.agenda.map((item) => ({ itemId: item.itemId, caseId: item.caseId! })),
              seats: members,
              typists: typists(index),
              agencyId: agencyIds[0],
            };
          },
        );
        seated += count * seats;
        for (const spec of specs) {
          await chairSays('conference.acknowledge', { conferenceId: spec.id });
          await chairSays('conference.open', { conferenceId: spec.id });
          await chairSays('agenda.move', { conferenceId: spec.id, itemId: spec.items[0].itemId });
        }
        chair.close();
        return specs;
      },
      profile: async (during) => {
        if (!probe) return during();
        await probe.startProfiling();
        try {
          return await during();
        } finally {
          const profile = await probe.stopProfiling();
          await writeFile(join(profileDir!, `caseroom-${Date.now()}.cpuprofile`), JSON.stringify(profile));
        }
      },
      metrics: () => scrape(/"metrics":"([^"]+)"/.exec(server.log)![1]),
      warnings: () =>
        [
          ...new Set(
            server.log
              .split('\n')
              .filter((line) => /"level":(40|50|60)/.test(line))
              .map((line) => line.replace(/"(time|pid|hostname|reqId)":[^,]*,?/g, '')),
          ),
        ].slice(0, 20),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function startHocuspocus(): Promise<Measured> {
  const server = await HocuspocusNotes.start();
  const internals = server as unknown as { url: string; child: ChildProcess };
  return {
    name: 'hocuspocus',
    url: internals.url,
    pid: internals.child.pid!,
    chairToken: '',
    rooms: (count, seats, typists) =>
      Promise.resolve(
        Array.from({ length: count }, (_, index) => ({
          id: `conference-${index + 1}`,
          items: [
            { itemId: 'first', caseId: 'first' },
            { itemId: 'second', caseId: 'second' },
          ],
          seats: Array.from({ length: seats }, (_, seat) => ({ userId: `person-${index}-${seat}`, token: '' })),
          typists: typists(index),
          agencyId: '',
        })),
      ),
    profile: (during) => during(),
    metrics: () => Promise.resolve(null),
    warnings: () => [],
    close: () => server.close(),
  };
}

/** The rooms, spread over the load generators: each room's people all in one, so one clock times it. */
class Generators {
  private readonly owners = new Map<string, Generator[]>();

  private constructor(private readonly all: Generator[]) {}

  /** Rooms spread over `count` generators, each room's people all in one of them. */
  static start(measured: Measured, rooms: readonly RoomSpec[], count: number): Promise<Generators> {
    const generators = Array.from({ length: Math.min(count, rooms.length) }, (_, index) =>
      rooms.filter((__, room) => room % count === index),
    );
    return Generators.setUp(measured, generators);
  }

  /**
   * One room's people spread over `count` generators, for a room too large for one: each update's text
   * carries when it was sent, so a reader in another generator times it on the same machine clock.
   */
  static split(measured: Measured, room: RoomSpec, count: number): Promise<Generators> {
    const seats = room.seats.map((seat, index) => ({ ...seat, index }));
    return Generators.setUp(
      measured,
      Array.from({ length: count }, (_, part) => [{ ...room, seats: seats.filter((seat) => seat.index % count === part) }]),
    );
  }

  private static async setUp(measured: Measured, parts: readonly (readonly RoomSpec[])[]): Promise<Generators> {
    const generators = new Generators(parts.map(() => Generator.start()));
    await Promise.all(
      generators.all.map((generator, index) => {
        for (const room of parts[index]) generators.owners.set(room.id, [...(generators.owners.get(room.id) ?? []), generator]);
        return generator.ask({
          type: 'setup',
          server: measured.name,
          url: measured.url,
          chairToken: measured.chairToken,
          rooms: parts[index],
          behaviour,
          seed: seed + index,
        });
      }),
    );
    return generators;
  }

  /** Each generator asked about its own rooms, at the same time. */
  private async byOwner<T>(rooms: readonly RoomSpec[], command: (ids: string[]) => Command): Promise<T[]> {
    const groups = new Map<Generator, string[]>();
    for (const room of rooms) for (const owner of this.owners.get(room.id)!) groups.set(owner, [...(groups.get(owner) ?? []), room.id]);
    return Promise.all([...groups].map(([generator, ids]) => generator.ask<T>(command(ids))));
  }

  async join(rooms: readonly RoomSpec[], spreadMs: number, concurrency: number, seats?: readonly [number, number]): Promise<JoinFigures> {
    const figures = await this.byOwner<JoinFigures>(rooms, (ids) => ({ type: 'join', rooms: ids, spreadMs, concurrency, seats }));
    const phases: Record<string, number[]> = {};
    for (const figure of figures) for (const [phase, took] of Object.entries(figure.phases)) (phases[phase] ??= []).push(...took);
    return {
      joins: figures.flatMap((figure) => figure.joins),
      phases,
      generatorDelayMs: Math.max(0, ...figures.map((figure) => figure.generatorDelayMs)),
      failures: figures.flatMap((figure) => figure.failures),
    };
  }

  async activate(rooms: readonly RoomSpec[]): Promise<void> {
    await this.byOwner(rooms, (ids) => ({ type: 'activate', rooms: ids }));
  }

  async measure(): Promise<void> {
    await Promise.all(this.all.map((generator) => generator.ask({ type: 'measure' })));
  }

  async sample(): Promise<WindowFigures> {
    const figures = await Promise.all(this.all.map((generator) => generator.ask<WindowFigures>({ type: 'sample' })));
    const sum = (pick: (figure: WindowFigures) => number) => figures.reduce((total, figure) => total + pick(figure), 0);
    return {
      fanout: figures.flatMap((figure) => figure.fanout),
      acks: figures.flatMap((figure) => figure.acks),
      rejoins: figures.flatMap((figure) => figure.rejoins),
      updates: sum((figure) => figure.updates),
      awareness: sum((figure) => figure.awareness),
      moves: sum((figure) => figure.moves),
      decisions: sum((figure) => figure.decisions),
      cpuSeconds: sum((figure) => figure.cpuSeconds),
      seconds: Math.max(...figures.map((figure) => figure.seconds)),
      problems: figures.flatMap((figure) => figure.problems),
    };
  }

  async stop(): Promise<StopFigures> {
    const figures = await Promise.all(this.all.map((generator) => generator.ask<StopFigures>({ type: 'stop', drainMs })));
    return {
      lost: figures.reduce((total, figure) => total + figure.lost, 0),
      missingFromStore: figures.reduce((total, figure) => total + figure.missingFromStore, 0),
      problems: figures.flatMap((figure) => figure.problems),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((generator) => generator.close()));
  }
}

interface PeakResult {
  readonly window: WindowFigures;
  readonly seating: JoinFigures;
  readonly start: JoinFigures;
  /** What the server's own metrics say of the meeting start (Caseroom). */
  readonly startInside: string | null;
  readonly stop: StopFigures;
  readonly serverCpu: number;
  /** The kernel's part of the server's CPU, and its write system calls a second, over the measured window. */
  readonly serverSystemCpu: number;
  readonly serverWritesPerSecond: number;
  readonly postgresCpu: number;
  readonly redisCpu: number;
  readonly rssMb: number;
  readonly load: number;
}

/**
 * The peak: every conference but the starting ones seated and typing, a warm-up, then the measured
 * window; halfway into it the starting conferences' people all join within five seconds.
 */
async function runPeak(measured: Measured): Promise<PeakResult> {
  const rooms = await measured.rooms(conferences, membersPerConference, (index) => 1 + (index % 3));
  const generators = await Generators.start(measured, rooms, workerCount);
  try {
    const steady = rooms.slice(starting);
    const startingRooms = rooms.slice(0, starting);
    say(`  seating ${steady.length * membersPerConference} people in ${steady.length} conferences...`);
    const seating = await generators.join(steady, 0, 16);
    await generators.activate(steady);
    await sleep(warmUpSeconds * 1000);
    const before = {
      server: cpuSeconds(measured.pid),
      serverSystem: systemCpuSeconds(measured.pid),
      serverWrites: writeCalls(measured.pid),
      postgres: await cpuOf('postgres'),
      redis: await cpuOf('redis-server'),
    };
    await generators.measure();
    let rssMb = 0;
    const rssWatch = setInterval(
      () =>
        void rssMegabytes(measured.pid).then(
          (rss) => (rssMb = Math.max(rssMb, rss)),
          () => undefined,
        ),
      1000,
    );
    say(
      `  measuring ${measuredSeconds} s; ${startingRooms.length} conferences (${startingRooms.length * membersPerConference} people) start ${measuredSeconds / 3} s in...`,
    );
    const started = performance.now();
    let startInside: string | null = null;
    const [start, window] = await measured.profile(async () => {
      await sleep((measuredSeconds / 3) * 1000);
      await generators.activate(startingRooms);
      const before = await measured.metrics();
      const joined = await generators.join(startingRooms, startSpreadMs, 0);
      startInside = describeInside(before, await measured.metrics());
      await sleep(started + measuredSeconds * 1000 - performance.now());
      return [joined, await generators.sample()] as const;
    });
    const over = (performance.now() - started) / 1000;
    clearInterval(rssWatch);
    const result = {
      window,
      seating,
      start,
      startInside,
      serverCpu: (cpuSeconds(measured.pid) - before.server) / over,
      serverSystemCpu: (systemCpuSeconds(measured.pid) - before.serverSystem) / over,
      serverWritesPerSecond: (writeCalls(measured.pid) - before.serverWrites) / over,
      postgresCpu: ((await cpuOf('postgres')) - before.postgres) / over,
      redisCpu: ((await cpuOf('redis-server')) - before.redis) / over,
      rssMb,
      load: loadavg()[0],
    };
    return { ...result, stop: await generators.stop() };
  } finally {
    await generators.close();
  }
}

/** The server's own account of a stretch of the run: its live events' times, its notes' appends and its event loop's delay. */
function describeInside(before: Scrape | null, after: Scrape | null): string | null {
  if (!before || !after) return null;
  const events = [...histogramBetween(before, after, 'caseroom_live_event_duration_seconds', 'event')]
    .sort(([, a], [, b]) => b.count * b.meanMs - a.count * a.meanMs)
    .slice(0, 6)
    .map(([event, figure]) => `${event} ${figure.count}x mean ${ms(figure.meanMs)} ms p99<=${ms(figure.p99Ms)} ms`);
  const lag = (quantile: string) => ms((after.get(`nodejs_eventloop_lag_${quantile}_seconds`) ?? 0) * 1000);
  // The notes' appends: each update is relayed and acknowledged only once its append has committed.
  const appends = histogramBetween(before, after, 'caseroom_notes_append_seconds', 'outcome').get('stored');
  const batches = histogramBetween(before, after, 'caseroom_notes_append_updates', 'outcome').get('');
  const stored =
    appends && batches
      ? `; notes appends ${appends.count}x mean ${ms(appends.meanMs)} ms p99<=${ms(appends.p99Ms)} ms, ${(batches.meanMs / 1000).toFixed(1)} updates each`
      : '';
  return `events: ${events.join(', ')}${stored}; event loop delay p50 ${lag('p50')} ms, p99 ${lag('p99')} ms, max ${lag('max')} ms`;
}

function reportPeak(caseroom: PeakResult | null, hocuspocus: PeakResult | null): string[] {
  const problems: string[] = [];
  const line = (label: string, result: PeakResult) => {
    const { window } = result;
    const lost = result.stop.lost + result.stop.missingFromStore;
    problems.push(
      ...[...window.problems, ...result.stop.problems, ...result.seating.failures, ...result.start.failures].map(
        (problem) => `${label}: ${problem}`,
      ),
    );
    if (lost > 0)
      problems.push(
        `${label}: ${result.stop.lost} arrivals never came, ${result.stop.missingFromStore} acknowledged updates missing from the store`,
      );
    return (
      `fanout_p50_ms=${ms(percentile(window.fanout, 50))} fanout_p99_ms=${ms(percentile(window.fanout, 99))} ack_p99_ms=${ms(percentile(window.acks, 99))} ` +
      `join_p99_ms=${ms(percentile(result.start.joins, 99))} cpu_pct=${Math.round(result.serverCpu * 100)} rss_mb=${Math.round(result.rssMb)} lost=${lost}`
    );
  };
  const detail = (result: PeakResult) =>
    `  (${result.window.updates} updates, ${result.window.awareness} awareness updates, ${result.window.fanout.length} arrivals measured, ` +
    `${result.window.moves} agenda moves, ${result.window.decisions} decisions with actions, ${result.window.rejoins.length} dropped connections back (p99 ${ms(percentile(result.window.rejoins, 99))} ms) ` +
    `in ${Math.round(result.window.seconds)} s; joins: start p50 ${ms(percentile(result.start.joins, 50))} ms over ${result.start.joins.length}, seating p99 ${ms(percentile(result.seating.joins, 99))} ms; ` +
    `CPU: the server's system time ${Math.round(result.serverSystemCpu * 100)}% of a core, its write system calls ${Math.round(result.serverWritesPerSecond)} a second, ` +
    `load generators ${share(result.window.cpuSeconds, result.window.seconds)}%, PostgreSQL ${Math.round(result.postgresCpu * 100)}%, Redis ${Math.round(result.redisCpu * 100)}% of a core; load average ${result.load.toFixed(2)})` +
    Object.entries(result.start.phases)
      .map(([phase, took]) => `\n  start join step ${phase}: p50 ${ms(percentile(took, 50))} ms, p99 ${ms(percentile(took, 99))} ms`)
      .join('') +
    `\n  the load generators' own event-loop delay while the start joined: p99 ${ms(result.start.generatorDelayMs)} ms (the slowest generator)` +
    (result.startInside ? `\n  the server during the start: ${result.startInside}` : '');
  if (caseroom) {
    say(`bench scale conferences=${conferences} members=${conferences * membersPerConference} ${line('caseroom', caseroom)}`);
    say(detail(caseroom));
  }
  if (hocuspocus) {
    say(
      `bench scale peer=hocuspocus conferences=${conferences} members=${conferences * membersPerConference} ${line('hocuspocus', hocuspocus)}`,
    );
    say(detail(hocuspocus));
  }
  return problems;
}

function reportRatios(caseroom: PeakResult, hocuspocus: PeakResult): void {
  const at = (result: PeakResult, values: (result: PeakResult) => number[], p: number) => percentile(values(result), p);
  say(
    `bench scale ratio fanout_p99=${ratio(
      at(caseroom, (r) => r.window.fanout, 99),
      at(hocuspocus, (r) => r.window.fanout, 99),
    )} ` +
      `join_p99=${ratio(
        at(caseroom, (r) => r.start.joins, 99),
        at(hocuspocus, (r) => r.start.joins, 99),
      )} ` +
      `cpu=${ratio(caseroom.serverCpu, hocuspocus.serverCpu)} rss=${ratio(caseroom.rssMb, hocuspocus.rssMb)}`,
  );
}

interface RampResult {
  /** The most editors whose p95 fan-out stayed within the limit. */
  readonly reached: number;
  readonly steps: { editors: number; p95: number; p99: number; generatorCpu: number; serverCpu: number }[];
  readonly problems: string[];
}

/** One conference, its editors added a step at a time, all typing, until the p95 fan-out passes the limit. */
async function runRamp(measured: Measured): Promise<RampResult> {
  const [room] = await measured.rooms(1, editorsMax, () => editorsMax);
  const generators = await Generators.split(measured, room, workerCount);
  const steps: RampResult['steps'] = [];
  const problems: string[] = [];
  let reached = 0;
  try {
    await generators.activate([room]);
    for (let editors = editorsStep; editors <= editorsMax; editors += editorsStep) {
      const step = await generators.join([room], 0, 0, [editors - editorsStep, editors]);
      problems.push(...step.failures);
      await sleep(2_000);
      const cpuBefore = cpuSeconds(measured.pid);
      await generators.measure();
      await sleep(stepSeconds * 1000);
      const window = await generators.sample();
      problems.push(...window.problems);
      const p95 = percentile(window.fanout, 95);
      steps.push({
        editors,
        p95,
        p99: percentile(window.fanout, 99),
        generatorCpu: share(window.cpuSeconds, window.seconds),
        serverCpu: share(cpuSeconds(measured.pid) - cpuBefore, window.seconds),
      });
      say(
        `  ${measured.name}: ${editors} editors, p95 ${ms(p95)} ms, p99 ${ms(percentile(window.fanout, 99))} ms (server CPU ${steps.at(-1)!.serverCpu}%, load generator ${steps.at(-1)!.generatorCpu}%)`,
      );
      if (p95 > oneRoomLimitMs) break;
      reached = editors;
    }
    const stop = await generators.stop();
    problems.push(...stop.problems);
    if (stop.lost + stop.missingFromStore > 0)
      problems.push(`${stop.lost} arrivals never came, ${stop.missingFromStore} updates missing from the store`);
    return { reached, steps, problems: problems.map((problem) => `${measured.name}: ${problem}`) };
  } finally {
    await generators.close();
  }
}

async function measureOn<T>(start: () => Promise<Measured>, run: (measured: Measured) => Promise<T>): Promise<T> {
  const measured = await start();
  try {
    const result = await run(measured);
    const warnings = measured.warnings();
    if (warnings.length > 0) say(`  ${measured.name} logged:\n    ${warnings.join('\n    ')}`);
    return result;
  } catch (error) {
    const warnings = measured.warnings();
    if (warnings.length > 0) say(`  ${measured.name} logged:\n    ${warnings.join('\n    ')}`);
    throw error;
  } finally {
    await measured.close();
  }
}

/**
 * What went wrong on the peer is printed, not a failure of the run: the run answers for Caseroom's
 * guarantees (nothing lost, nothing refused); a plain Hocuspocus promises neither.
 */
function reportPeerProblems(problems: readonly string[]): void {
  if (problems.length > 0) say(`  the peer's problems (not Caseroom's): ${[...new Set(problems)].slice(0, 10).join('; ')}`);
}

async function main(): Promise<void> {
  const problems: string[] = [];
  if (oneRoom) {
    say(`one conference, editors added ${editorsStep} at a time until the p95 fan-out passes ${oneRoomLimitMs} ms...`);
    const caseroom = only === 'hocuspocus' ? null : await measureOn(() => startCaseroom(editorsMax), runRamp);
    const hocuspocus = only === 'caseroom' ? null : await measureOn(startHocuspocus, runRamp);
    if (caseroom) problems.push(...caseroom.problems);
    if (hocuspocus) reportPeerProblems(hocuspocus.problems);
    const fields = [
      ...(caseroom ? [`editors=${caseroom.reached}`] : []),
      ...(hocuspocus ? [`hocuspocus_editors=${hocuspocus.reached}`] : []),
      ...(caseroom && hocuspocus ? [`ratio=${ratio(caseroom.reached, hocuspocus.reached)}`] : []),
    ];
    say(`bench scale one-room ${fields.join(' ')}`);
  } else {
    say(`${conferences} conferences of ${membersPerConference} on one instance; Caseroom, then Hocuspocus...`);
    // Each server's figures are printed as soon as it is measured: a failure in the next loses none of them.
    const caseroom = only === 'hocuspocus' ? null : await measureOn(() => startCaseroom(conferences * membersPerConference), runPeak);
    problems.push(...reportPeak(caseroom, null));
    const hocuspocus = only === 'caseroom' ? null : await measureOn(startHocuspocus, runPeak);
    reportPeerProblems(reportPeak(null, hocuspocus));
    if (caseroom && hocuspocus) reportRatios(caseroom, hocuspocus);
  }
  if (problems.length > 0) throw new Error(`the run failed:\n${[...new Set(problems)].slice(0, 40).join('\n')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
