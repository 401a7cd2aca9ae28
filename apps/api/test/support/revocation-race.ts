import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import request from 'supertest';
import * as Y from 'yjs';
import type { Ack, ConferenceView } from '@caseroom/contracts';
import { encodeAwareness, encodeSyncStep1, notesFragment } from '@caseroom/realtime';
import { createTestDatabase, dropRedisKeys, testServices, type TestDatabase } from '@caseroom/testing';
import { LiveClient } from './live-client';
import { NotesPeer } from './notes-peer';
import { ServerProcess } from './server-process';
import { testOrigin, type TestPerson } from './test-app';

/**
 * Three instances on one database and one Redis, a case under discussion, an IDVA typing into its panel
 * notes, and a target person whose sockets on the second and third instances fire bursts of every kind
 * of request around a revocation. Everything the target receives is kept with the moment it arrived,
 * so that a test can count what reached them after the revoking request returned.
 *
 * Each instance is a built server in a process of its own, as deployed: the test's own work (sending
 * the bursts, reading the answers) never holds up the instance that handles the revocation.
 */
export class RaceWorld {
  private database!: TestDatabase;
  private readonly redisPrefix = `race-${randomBytes(4).toString('hex')}`;
  private redisUrl = '';
  private readonly servers: ServerProcess[] = [];
  readonly urls: string[] = [];
  people!: Map<string, TestPerson>;
  agencies!: Record<'NMP' | 'NIDVA' | 'NPDU' | 'EVC', string>;
  /** The suspect's team, and another team of the suspect's force. */
  suspectUnitId!: string;
  otherUnitId!: string;
  /** A police officer of the suspect's force, in another team: admitted to the panel, until revoked. */
  target!: TestPerson;
  private readonly tokens = new Map<string, string>();
  private readonly clients: LiveClient[] = [];
  private caseSequence = 0;

  /** Three instances on the shared Redis, unless a test brings a Redis of its own (to take it away) or wants fewer. */
  static async start(options: { readonly redisUrl?: string; readonly instances?: number } = {}): Promise<RaceWorld> {
    const world = new RaceWorld();
    world.redisUrl = options.redisUrl ?? testServices.redisUrl!;
    world.database = await createTestDatabase();
    const env = {
      // Under test each REST answer says when it was written (answer-gate.ts), for lateContent to compare.
      NODE_ENV: 'test',
      DATABASE_URL: world.database.url!,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: world.redisUrl,
      REDIS_PREFIX: world.redisPrefix,
      // The demo world is the cast; its people sign in without a second factor in demo mode.
      DEMO_MODE: 'true',
      DATA_DIR: world.database.dataDir,
      PORT: '0',
      CORS_ORIGINS: testOrigin,
      JWT_SECRET: randomBytes(32).toString('base64url'),
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
      REMINDER_INTERVAL_SECONDS: '0',
      RETENTION_SWEEP_INTERVAL_SECONDS: '0',
      // The attack is a burst of many requests: the rate limit, tested elsewhere, is lifted so that it does not blunt it.
      LIVE_EVENTS_PER_SECOND: '10000',
      LIVE_NOTES_EVENTS_PER_SECOND: '100000',
      LOG_LEVEL: 'info',
      // A hunt on a busy machine outlasts the default ten minutes of an access token; expiry is tested elsewhere.
      ACCESS_TOKEN_TTL_SECONDS: '3600',
    };
    // RACE_PROFILE_DIR: each instance writes a CPU profile there when it stops, to read beside a slow run.
    const profiling = process.env.RACE_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.RACE_PROFILE_DIR}`] : [];
    // The first seeds the demo world; the others find it there.
    world.servers.push(ServerProcess.start(env, profiling));
    world.urls.push(await world.servers[0].ready());
    for (let index = 1; index < (options.instances ?? 3); index += 1) world.servers.push(ServerProcess.start(env, profiling));
    for (const server of world.servers.slice(1)) world.urls.push(await server.ready());
    const logins = JSON.parse(await readFile(join(world.database.dataDir, 'demo-logins.json'), 'utf8')) as {
      email: string;
      password: string;
    }[];
    const admin = await world.signInAs(logins.find((login) => login.email.startsWith('admin@'))!);
    const directory = (await world.http(0).get('/api/users').set('Authorization', `Bearer ${admin}`)).body as {
      id: string;
      email: string;
    }[];
    world.people = new Map(
      logins.map(({ email, password }) => [
        email.split('@')[0],
        { id: directory.find((person) => person.email === email)!.id, email, password },
      ]),
    );
    const listed = (
      await world
        .http(0)
        .get('/api/agencies')
        .set('Authorization', await world.bearer('admin'))
    ).body as {
      id: string;
      code: string;
    }[];
    const agency = (code: string) => listed.find((candidate) => candidate.code === code)!.id;
    world.agencies = { NMP: agency('NMP'), NIDVA: agency('NIDVA'), NPDU: agency('NPDU'), EVC: agency('EVC') };
    const units = (
      await world
        .http(0)
        .get(`/api/agencies/${world.agencies.NMP}/units`)
        .set('Authorization', await world.bearer('admin'))
    ).body as { id: string; name: string }[];
    world.suspectUnitId = units.find((unit) => unit.name.startsWith('Response Team B'))!.id;
    world.otherUnitId = units.find((unit) => unit.name.startsWith('Domestic Abuse Investigation'))!.id;
    const created = await world
      .http(0)
      .post('/api/users')
      .set('Authorization', await world.bearer('admin'))
      .send({
        name: 'Race Target',
        email: `race-target-${randomBytes(3).toString('hex')}@test.caseroom.test`,
        agencyId: world.agencies.NMP,
        unitId: world.otherUnitId,
        roles: ['member'],
        staffNumber: 'RT-1',
        rank: 'Constable',
      });
    if (created.status !== 201) throw new Error(`target not created: ${created.status} ${JSON.stringify(created.body)}`);
    world.target = { id: created.body.id as string, email: created.body.email as string, password: created.body.initialPassword as string };
    return world;
  }

  async stop(): Promise<void> {
    for (const client of this.clients) client.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const crashed = this.servers.filter((server) => server.child.exitCode !== null || server.child.signalCode !== null);
    for (const server of this.servers) await server.kill();
    await this.database?.drop();
    await dropRedisKeys(this.redisUrl, this.redisPrefix).catch(() => undefined);
    // A server that ended on its own during the test is a failure of its own, with what it said.
    if (crashed.length > 0) throw new Error(`an instance ended during the test:\n${this.serverLogs()}`);
  }

  /** The instances that have ended on their own (crashed) so far, by place. */
  ended(): number[] {
    return this.servers.flatMap((server, index) => (server.child.exitCode !== null || server.child.signalCode !== null ? [index] : []));
  }

  http(instance: number) {
    return request(this.urls[instance]);
  }

  /** What the server processes logged (warnings and errors), for a failing test to show. */
  serverLogs(): string {
    return this.servers.map((server, index) => `--- instance ${index}\n${server.log}`).join('\n');
  }

  private async signInAs(login: { email: string; password: string }): Promise<string> {
    const signedIn = await this.http(0).post('/api/auth/login').send({ email: login.email, password: login.password });
    const tokens = (signedIn.body as { tokens?: { accessToken: string } }).tokens;
    if (!tokens) throw new Error(`sign-in failed: ${signedIn.status} ${JSON.stringify(signedIn.body)}`);
    return tokens.accessToken;
  }

  async token(key: string): Promise<string> {
    if (!this.tokens.has(key)) this.tokens.set(key, await this.signInAs(key === 'target' ? this.target : this.people.get(key)!));
    return this.tokens.get(key)!;
  }

  async bearer(key: string): Promise<string> {
    return `Bearer ${await this.token(key)}`;
  }

  async connect(key: string, instance: number): Promise<LiveClient> {
    const client = await LiveClient.connect(this.urls[instance], await this.token(key));
    this.clients.push(client);
    return client;
  }

  /** A new case whose suspect is the demo suspect, with the panel agencies the target's force among them, accepted at triage. */
  async createCase(): Promise<{ caseId: string; reference: string }> {
    this.caseSequence += 1;
    const created = await this.http(0)
      .post('/api/cases')
      .set('Authorization', await this.bearer('coordinator'))
      .send({
        referral: {
          ground: 'professional_judgement',
          referredOn: '2026-11-15',
          referringAgencyId: this.agencies.NIDVA,
          concern: `RACE-CONCERN-${this.caseSequence}`,
        },
        agencyIds: [this.agencies.NMP, this.agencies.NIDVA, this.agencies.NPDU],
        investigatingForceId: this.agencies.EVC,
        victim: { pseudonym: `Race victim ${this.caseSequence}`, name: `RACE-VICTIM-${this.caseSequence}` },
        suspect: { userId: this.people.get('suspect')!.id, forceId: this.agencies.NMP, name: `RACE-SUSPECT-${this.caseSequence}` },
        summary: `RACE-SUMMARY-${this.caseSequence}`,
      });
    if (created.status !== 201) throw new Error(`case not created: ${created.status} ${JSON.stringify(created.body)}`);
    // Accepted at triage, so that it can be put on an agenda.
    const accepted = await this.http(0)
      .post(`/api/cases/${created.body.id as string}/triage`)
      .set('Authorization', await this.bearer('coordinator'))
      .send({ outcome: 'accepted' });
    if (accepted.status !== 200) throw new Error(`case not accepted: ${accepted.status}`);
    return { caseId: created.body.id as string, reference: created.body.reference as string };
  }

  /**
   * Records a conflict in the database as the conflict use-case does (the row and the policy version, in
   * one statement) but tells no instance: as an instance finds it before the revocation's own message
   * has reached it, when one of its sockets reads the policy again for some other reason.
   */
  async commitConflictUnannounced(caseId: string, userId: string): Promise<void> {
    const client = new Client({ connectionString: this.database.url! });
    await client.connect();
    try {
      await client.query(
        `WITH added AS (
           INSERT INTO case_conflicts (case_id, user_id, kind, reason, source, recorded_by)
           VALUES ($1, $2, 'friend', 'A friend of the suspect', 'declared', $2) RETURNING 1
         )
         UPDATE policy_state SET version = version + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM added)`,
        [caseId, userId],
      );
    } finally {
      await client.end();
    }
  }

  async scheduleConference(caseIds: readonly string[]): Promise<ConferenceView> {
    const coordinator = await this.bearer('coordinator');
    const scheduled = await this.http(0)
      .post('/api/conferences')
      .set('Authorization', coordinator)
      .send({
        title: 'Race MARAC',
        scheduledAt: '2026-12-03T10:00:00Z',
        chairId: this.people.get('chair')!.id,
        // The target, not the whole force: the suspect of the cases to come is of it, and is never invited.
        invitedUserIds: [this.target.id],
        invitedAgencyIds: [this.agencies.NIDVA, this.agencies.NPDU],
      });
    if (scheduled.status !== 201) throw new Error(`conference not scheduled: ${scheduled.status}`);
    let view = scheduled.body as ConferenceView;
    for (const caseId of caseIds) view = await this.addToAgenda(view.id, caseId);
    return view;
  }

  async addToAgenda(conferenceId: string, caseId: string): Promise<ConferenceView> {
    const listed = await this.http(0)
      .post(`/api/conferences/${conferenceId}/agenda`)
      .set('Authorization', await this.bearer('coordinator'))
      .send({ caseId });
    if (listed.status !== 201) throw new Error(`not listed: ${listed.status}`);
    return listed.body as ConferenceView;
  }
}

/**
 * What arrived at the target: on which of its sockets (its place in that socket's stream, which TCP and
 * socket.io keep in the order the server wrote it) or over REST, and when (performance.now()). A REST
 * answer also says when the instance wrote it (`writtenAt`, on the same clock): two answers read over two
 * connections within a millisecond are not always read in the order they were written.
 */
interface Arrival {
  readonly socket: number | null;
  readonly at: number;
  readonly writtenAt?: number;
  readonly kind: string;
  readonly event: string;
  readonly payload: unknown;
}

/** Events that carry nothing of a case however late they come (`case.drop` names only the case being dropped). */
const contentFree = new Set(['presence', 'conference.status', 'agenda.stepped-out', 'agenda.cleared', 'case.drop', 'conference.removed']);

/**
 * Whether anything in a payload (its strings, and its binary values, the notes updates, byte for byte)
 * contains one of the marks. Walked rather than stringified: a burst's answers add up to megabytes.
 */
function holdsAny(value: unknown, marks: readonly Buffer[]): boolean {
  if (typeof value === 'string') return marks.some((mark) => value.includes(mark.toString('latin1')));
  if (value instanceof Uint8Array) {
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    return marks.some((mark) => bytes.includes(mark));
  }
  if (value instanceof ArrayBuffer) return holdsAny(new Uint8Array(value), marks);
  if (Array.isArray(value)) return value.some((item) => holdsAny(item, marks));
  if (typeof value === 'object' && value !== null) return Object.values(value).some((item) => holdsAny(item, marks));
  return false;
}

/**
 * The target's side of one repetition: its sockets and its REST calls, each arrival recorded in the
 * order it was read. Bursts are fired without waiting, spread over the macrotasks around the revocation.
 */
export class TargetProbe {
  readonly arrivals: Arrival[] = [];
  private readonly pending: Promise<unknown>[] = [];
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly world: RaceWorld,
    private readonly sockets: readonly LiveClient[],
  ) {
    for (const [index, client] of sockets.entries()) {
      const listener = (event: string, payload: unknown) => this.record(index, `frame ${event}`, event, payload);
      client.socket.onAny(listener);
      this.listeners.push(() => client.socket.offAny(listener));
    }
  }

  private record(socket: number | null, kind: string, event: string, payload: unknown, writtenAt?: number): void {
    // Only recorded here; searched afterwards, so that the test's own work does not slow its reading.
    this.arrivals.push({ socket, at: performance.now(), kind, event, payload, writtenAt });
  }

  /** Fires one wave of every kind of request the target can make about the case. */
  fire(caseId: string, conferenceId: string, wave: number): void {
    const stateVector = encodeSyncStep1(new Y.Doc());
    // The first wave is the big one, a few milliseconds before the revocation; smaller ones follow it
    // in, one every millisecond or two until it has returned, and one more after.
    const rounds = wave === 0 ? 24 : 2;
    for (const [index, client] of this.sockets.entries()) {
      for (let round = 0; round < rounds; round += 1) {
        this.ack(index, client, `notes.sync`, { caseId, compartment: 'panel', epoch: null, message: stateVector });
        if (round % 3 === 0) this.ack(index, client, 'conference.join', { conferenceId });
        if (round % 4 === 1) {
          const clientId = 7_000_000 + index * 1000 + wave;
          this.ack(index, client, 'notes.awareness', {
            caseId,
            compartment: 'panel',
            message: encodeAwareness([{ clientId, clock: round + 1, state: { user: {}, typingAt: Date.now() } as never }]),
          });
        }
        if (round % 4 === 2) this.ack(index, client, 'actions.outstanding', { conferenceId });
      }
    }
    // REST on every fourth wave and the last: HTTP requests cost the test far more to send than socket events.
    if (wave % 4 !== 0 && wave !== 21) return;
    const instance = this.world.http(1 + (wave % 2));
    void this.world.bearer('target').then((bearer) => {
      const paths = [
        `/api/cases/${caseId}/compartments/panel/notes`,
        `/api/cases/${caseId}/compartments/panel`,
        `/api/cases/${caseId}/actions`,
        `/api/cases/${caseId}`,
        '/api/me/notifications',
        `/api/conferences/${conferenceId}`,
      ];
      for (const path of paths) {
        this.pending.push(
          instance
            .get(path)
            .set('Authorization', bearer)
            .then((response) => {
              if (response.status >= 300) return;
              const stamp = Number(response.headers['x-answered-at']);
              // The instance's wall clock, with a fraction, made this process's performance.now().
              const writtenAt = Number.isFinite(stamp) && stamp > 0 ? stamp - performance.timeOrigin : undefined;
              this.record(null, `GET ${path}`, 'http', response.body, writtenAt);
            }),
        );
      }
    });
  }

  /** The acknowledgement is recorded as socket.io reads it, in the socket's stream order (a callback, not a promise). */
  private ack(socket: number, client: LiveClient, event: string, payload: unknown): void {
    this.pending.push(
      new Promise<void>((resolve) =>
        client.socket.timeout(10_000).emit(event, payload, (error: unknown, ack: Ack) => {
          if (!error) this.record(socket, `ack ${event}`, event, ack);
          resolve();
        }),
      ),
    );
  }

  /** Waits for every answer, and a moment more for relays in flight. */
  async settle(ms = 120): Promise<void> {
    await Promise.all(this.pending);
    await new Promise((resolve) => setTimeout(resolve, ms));
    for (const stop of this.listeners) stop();
  }

  /** Where the revocation began: arrivals from here on may follow it. */
  get mark(): number {
    return this.arrivals.length;
  }

  /**
   * Everything that holds anything of the case and reached the target after the revocation took effect
   * for it: on each socket, after the `case.drop` the instance wrote as it stepped the socket out (later
   * in the same stream, so written later); over REST, after the revoking request returned. A socket that
   * was never told to drop the case counts as a failure of its own.
   */
  lateContent(caseId: string, from: number, returnedAt: number, marks: readonly string[], typedAfter: readonly string[]): string[] {
    const late: string[] = [];
    const caseMarks = marks.map((mark) => Buffer.from(mark, 'latin1'));
    const laterWords = typedAfter.map((words) => Buffer.from(words, 'latin1'));
    // Words typed after the revocation returned, wherever in a stream they arrive, were written after it.
    for (const arrival of this.arrivals.slice(from).filter((candidate) => candidate.socket !== null)) {
      if (laterWords.length > 0 && holdsAny(arrival.payload, laterWords))
        late.push(`socket ${arrival.socket}: ${arrival.kind}, with words typed after the answer`);
    }
    const holdsCase = (arrival: Arrival) => !contentFree.has(arrival.event) && holdsAny(arrival.payload, caseMarks);
    for (const [index] of this.sockets.entries()) {
      const stream = this.arrivals.slice(from).filter((arrival) => arrival.socket === index);
      const fence = stream.findIndex(
        (arrival) => arrival.event === 'case.drop' && (arrival.payload as { caseId?: string }).caseId === caseId,
      );
      if (fence < 0) {
        late.push(`socket ${index} was never told to drop the case`);
        continue;
      }
      late.push(
        ...stream
          .slice(fence + 1)
          .filter(holdsCase)
          .map(
            // The first late arrival of a socket is shown whole, with what came around its fence: a rare
            // failure on a busy machine must say enough to be understood from its log alone.
            (arrival, position) =>
              `socket ${index}: ${arrival.kind}${
                process.env.RACE_DEBUG || position === 0
                  ? ` ${JSON.stringify(arrival.payload).slice(0, 1500)} | before: ${stream
                      .slice(Math.max(0, fence - 3), fence + 1)
                      .map((a) => a.kind)
                      .join(', ')} | after: ${stream
                      .slice(fence + 1, stream.indexOf(arrival) + 1)
                      .map((a) => a.kind)
                      .join(', ')}`
                  : ''
              }`,
          ),
      );
    }
    // Over REST: written after the revocation's answer was read here (so after it was written). Where
    // the instance said when it wrote the answer that moment is compared, not when this process read it.
    late.push(
      ...this.arrivals
        .slice(from)
        .filter((arrival) => arrival.socket === null && (arrival.writtenAt ?? arrival.at) > returnedAt && holdsCase(arrival))
        .map(
          (arrival) =>
            `${arrival.kind} (written ${((arrival.writtenAt ?? arrival.at) - returnedAt).toFixed(1)} ms after, read ${(arrival.at - returnedAt).toFixed(1)} ms after)`,
        ),
    );
    return late;
  }
}

/**
 * The IDVA, typing into the case's panel notes on the first instance as fast as acknowledgements allow,
 * each paragraph marked with the case's mark so that a late relay can be recognised.
 */
export class Typist {
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private sequence = 0;

  constructor(private readonly peer: NotesPeer) {}

  /** How many paragraphs have been typed so far: those after a moment are what nobody stepped out then may see. */
  get typed(): number {
    return this.sequence;
  }

  /** The words of one typed paragraph, closed with a full stop so that 'typed 1.' is not found inside 'typed 12.'. */
  line(mark: string, sequence: number): string {
    return `${mark} typed ${sequence}.`;
  }

  /**
   * Notes of a meeting's length (about 10 KB, in one update): every answer to a step 1 carries the
   * whole document, so a burst of them keeps the server busy for a while, as an attacker wants.
   */
  async fill(mark: string): Promise<void> {
    if (notesFragment(this.peer.doc).length > 0) return;
    const line = `${mark} background `.padEnd(240, 'x');
    this.peer.doc.transact(() => {
      for (let index = 0; index < 40; index += 1) {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(line)]);
        notesFragment(this.peer.doc).push([paragraph]);
      }
    });
    await Promise.all(this.peer.pending);
  }

  /** What the paragraphs typed are marked with: the case's reference. */
  mark = '';

  start(mark: string): void {
    this.mark = mark;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        this.sequence += 1;
        await this.peer.type(this.line(mark, this.sequence));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      // Keep the document from growing between repetitions: what was typed is deleted again.
      const fragment = notesFragment(this.peer.doc);
      if (fragment.length > 40 && this.peer.writable) fragment.delete(40, fragment.length - 40);
      await Promise.all(this.peer.pending);
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

/** Runs one repetition: bursts around `revoke`, and answers what reached the target after it returned. */
export async function raceOnce(options: {
  readonly probe: TargetProbe;
  readonly typist: Typist | null;
  readonly caseId: string;
  readonly conferenceId: string;
  readonly marks: readonly string[];
  readonly revoke: () => Promise<void>;
  readonly delayMs: number;
  /** Whether words typed after `revoke` returned count wherever they arrive: not when nothing announced the change. */
  readonly countWordsTypedAfter?: boolean;
}): Promise<string[]> {
  const { probe, caseId, conferenceId } = options;
  probe.fire(caseId, conferenceId, 0);
  await new Promise((resolve) => setTimeout(resolve, options.delayMs));
  const from = probe.mark;
  let returnedAt: number | null = null;
  let typedBefore = 0;
  const revoked = options.revoke().then(() => {
    returnedAt = performance.now();
    typedBefore = options.typist?.typed ?? 0;
  });
  // More of the same while the revocation is on its way through the instances, a wave a millisecond or
  // so (at most 20: with the rate limit lifted, an endless flood would only hold the revocation up).
  for (let wave = 1; returnedAt === null && wave <= 20; wave += 1) {
    probe.fire(caseId, conferenceId, wave);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await revoked;
  probe.fire(caseId, conferenceId, 21);
  await options.typist?.stop();
  await probe.settle();
  const typist = options.typist;
  const typedAfter =
    typist && options.countWordsTypedAfter !== false
      ? Array.from({ length: typist.typed - typedBefore }, (_, index) => typist.line(typist.mark, typedBefore + 1 + index))
      : [];
  return probe.lateContent(caseId, from, returnedAt!, options.marks, typedAfter);
}

export { NotesPeer, LiveClient };
