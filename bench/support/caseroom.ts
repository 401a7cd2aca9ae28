import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import * as Y from 'yjs';
import type { ConferenceView, NotesSyncReply } from '@caseroom/contracts';
import { decodeSync, encodeSyncStep1, encodeUpdate } from '@caseroom/realtime';
import { dropRedisKeys } from '../../libs/testing/src/redis-keys';
import { LiveClient } from '../../apps/api/test/support/live-client';
import { benchmarkServerEnv, ServerProcess } from '../../apps/api/test/support/server-process';
import { cpuSeconds } from './figures';
import { debuggerUrl, HeapProbe, inspectFlag } from './inspector';
import type { NotesClient, NotesServer } from './notes-workload';
import { mapLimited } from './pacing';

interface Account {
  readonly id: string;
  readonly token: string;
}

interface Room {
  readonly conferenceId: string;
  readonly caseId: string;
  readonly seats: readonly Account[];
}

/** Everyone writes the panel compartment: the notes every agency on the case shares. */
const compartment = 'panel';

/**
 * Caseroom as deployed, one instance: the built server in a process of its own, on a database created
 * for the run (dropped on close) and Redis, with demo data to sign in with. Every seat is a member
 * account of its own, let into a conference whose current item is the room's case.
 */
export class CaseroomNotes implements NotesServer {
  readonly name = 'caseroom';
  private readonly opened = new Map<string, Room>();
  /** Conferences each account has acknowledged: a first join acknowledges, later ones join. */
  private readonly acknowledged = new Set<string>();
  private accounts: Account[] = [];
  private seatsGiven = 0;
  private url = '';
  private probe: HeapProbe | null = null;
  private staff!: { coordinator: string; chair: string; chairId: string; agencyIds: string[]; forceId: string };

  private constructor(
    private readonly admin: Client,
    private readonly databaseName: string,
    private readonly dataDir: string,
    private readonly server: ServerProcess,
    private readonly redisUrl: string,
  ) {}

  static async start(options: { baseUrl: string; redisUrl: string; accounts: number }): Promise<CaseroomNotes> {
    const name = `caseroom_bench_test_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: options.baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const databaseUrl = Object.assign(new URL(options.baseUrl), { pathname: `/${name}` }).toString();
    const env = benchmarkServerEnv({ name, databaseUrl, redisUrl: options.redisUrl });
    // BENCH_PROFILE_DIR=<folder> writes the server's CPU profile there when it exits, for finding where the time goes.
    const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
    const caseroom = new CaseroomNotes(admin, name, env.DATA_DIR, ServerProcess.start(env, [inspectFlag, ...profile]), options.redisUrl);
    try {
      caseroom.url = await caseroom.server.ready();
      caseroom.probe = await HeapProbe.attach(await debuggerUrl(() => caseroom.server.log));
      await caseroom.setUp(options.accounts);
      return caseroom;
    } catch (error) {
      await caseroom.close();
      throw error;
    }
  }

  /** Conferences opened by the chair, each with its own new case as the current item, every seat invited. */
  async rooms(count: number, seats: number): Promise<string[]> {
    const chair = await LiveClient.connect(this.url, this.staff.chair);
    try {
      const made: string[] = [];
      for (let index = 0; index < count; index += 1) {
        const room = await this.openRoom(chair, this.takeSeats(seats));
        this.opened.set(room.conferenceId, room);
        made.push(room.conferenceId);
      }
      return made;
    } finally {
      // The chair leaves once the rooms run: the rooms hold the seats and nobody else.
      chair.close();
    }
  }

  async join(room: string, seat: number): Promise<NotesClient> {
    const { conferenceId, caseId, seats } = this.opened.get(room)!;
    const account = seats[seat];
    const live = await LiveClient.connect(this.url, account.token);
    // The test client keeps every frame for assertions; here that would only load the load generator.
    live.socket.offAny();
    try {
      // As the web client: the notes come with the room, listened for before it is entered.
      const client = new CaseroomClient(live, caseId);
      const acknowledgement = `${conferenceId}:${account.id}`;
      const event = this.acknowledged.has(acknowledgement) ? 'conference.join' : 'conference.acknowledge';
      const entered = await live.emit(event, { conferenceId });
      if (!entered.ok) throw new Error(`${event} refused: ${entered.code}`);
      this.acknowledged.add(acknowledgement);
      await client.open();
      return client;
    } catch (error) {
      live.close();
      throw error;
    }
  }

  heapUsed(): Promise<number> {
    return this.probe!.usedAfterGc();
  }

  cpuSeconds(): number {
    return cpuSeconds(this.server.child.pid!);
  }

  async close(): Promise<void> {
    this.probe?.close();
    await this.server.kill('SIGTERM');
    await this.admin.query(`DROP DATABASE IF EXISTS ${this.databaseName} WITH (FORCE)`);
    await this.admin.end();
    await rm(this.dataDir, { recursive: true, force: true });
    await dropRedisKeys(this.redisUrl, this.databaseName);
  }

  private async setUp(accounts: number): Promise<void> {
    const logins = JSON.parse(await readFile(join(this.dataDir, 'demo-logins.json'), 'utf8')) as { email: string; password: string }[];
    const demo = (key: string) => {
      const login = logins.find((entry) => entry.email.startsWith(`${key}@`))!;
      return this.signIn(login.email, login.password);
    };
    const admin = await demo('admin');
    const agencies = await this.call<{ id: string; code: string }[]>(admin, 'GET', '/api/agencies');
    const people = await this.call<{ id: string; email: string }[]>(admin, 'GET', '/api/users');
    const agencyIds = agencies.filter((agency) => ['NIDVA', 'NPDU', 'NCSC'].includes(agency.code)).map((agency) => agency.id);
    this.staff = {
      coordinator: await demo('coordinator'),
      chair: await demo('chair'),
      chairId: people.find((person) => person.email.startsWith('chair@'))!.id,
      agencyIds,
      forceId: agencies.find((agency) => agency.code === 'NMP')!.id,
    };
    // Creating an account and signing in each hash a password, off the event loop: a few at a time overlap.
    this.accounts = await mapLimited(
      Array.from({ length: accounts }, (_, index) => index),
      4,
      async (index) => {
        const created = await this.call<{ id: string; email: string; initialPassword: string }>(admin, 'POST', '/api/users', {
          name: `Typist ${index}`,
          email: `typist${index}@notes-bench.caseroom.test`,
          agencyId: agencyIds[index % agencyIds.length],
          roles: ['member'],
        });
        return { id: created.id, token: await this.signIn(created.email, created.initialPassword) };
      },
    );
  }

  /** Seats go round the accounts, so that one account sits in as few rooms as possible. */
  private takeSeats(seats: number): Account[] {
    const taken = Array.from({ length: seats }, (_, seat) => this.accounts[(this.seatsGiven + seat) % this.accounts.length]);
    this.seatsGiven += seats;
    return taken;
  }

  private async openRoom(chair: LiveClient, seats: Account[]): Promise<Room> {
    const number = this.opened.size + 1;
    const { coordinator, chairId, agencyIds, forceId } = this.staff;
    const { id: caseId } = await this.call<{ id: string }>(coordinator, 'POST', '/api/cases', {
      referral: { ground: 'visible_high_risk', referredOn: '2026-11-01', referringAgencyId: agencyIds[0], dashScore: 15 },
      agencyIds,
      victim: { pseudonym: `Client ${number}`, name: `Victim ${number}` },
      suspect: { forceId, name: `Suspect ${number}`, staffNumber: `N${number}` },
    });
    await this.call(coordinator, 'POST', `/api/cases/${caseId}/triage`, { outcome: 'accepted' });
    const scheduled = await this.call<ConferenceView>(coordinator, 'POST', '/api/conferences', {
      title: `Notes bench ${number}`,
      scheduledAt: '2026-12-03T10:00:00Z',
      chairId,
      invitedUserIds: [...new Set(seats.map((account) => account.id))],
    });
    const conference = await this.call<ConferenceView>(coordinator, 'POST', `/api/conferences/${scheduled.id}/agenda`, { caseId });
    const steps = [
      ['conference.acknowledge', { conferenceId: conference.id }],
      ['conference.open', { conferenceId: conference.id }],
      ['agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId }],
    ] as const;
    for (const [event, payload] of steps) {
      const ack = await chair.emit(event, payload);
      if (!ack.ok) throw new Error(`${event} refused: ${ack.code}`);
    }
    return { conferenceId: conference.id, caseId, seats };
  }

  private async signIn(email: string, password: string): Promise<string> {
    return (await this.call<{ tokens: { accessToken: string } }>(null, 'POST', '/api/auth/login', { email, password })).tokens.accessToken;
  }

  private async call<T>(token: string | null, method: string, path: string, body?: object): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
}

const asBytes = (value: unknown) => (value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer));

/**
 * A browser's side of the notes protocol, as NotesPeer in the tests: step 1 on opening and the server's
 * step 2 applied; each local transaction sent as an update and acknowledged once committed; updates
 * other writers sent applied as they are relayed.
 */
class CaseroomClient implements NotesClient {
  readonly doc = new Y.Doc();
  private epoch: number | null = null;

  constructor(
    private readonly live: LiveClient,
    private readonly caseId: string,
  ) {
    live.socket.on('notes.sync', (event: { caseId: string; compartment: string; epoch: number; message: unknown }) => {
      if (event.caseId !== caseId || event.compartment !== compartment) return;
      if (this.epoch === null) this.heardWhileOpening.push(event);
      else if (event.epoch === this.epoch) Y.applyUpdate(this.doc, decodeSync(asBytes(event.message)).payload, this);
    });
    this.opened = new Promise((resolve) => {
      live.socket.on('notes.opened', (event: { caseId: string; compartment: string; reply: NotesSyncReply | null }) => {
        if (event.caseId === caseId && event.compartment === compartment) resolve(event.reply);
      });
    });
  }

  /** The notes the server sends with the room (null: it could not read them, and the client asks itself). */
  private readonly opened: Promise<NotesSyncReply | null>;
  private readonly heardWhileOpening: { epoch: number; message: unknown }[] = [];

  /**
   * Opens from the notes that came with the room, or asks with a step 1 when they could not come. The
   * client starts empty, so the server lacks nothing of it: the server's step 1 needs no answer.
   */
  async open(): Promise<void> {
    const reply = (await this.opened) ?? ((await this.send(encodeSyncStep1(this.doc))) as NotesSyncReply);
    if (!reply.writable) throw new Error('a seat may not write the notes');
    this.epoch = reply.epoch;
    Y.applyUpdate(this.doc, decodeSync(asBytes(reply.step2)).payload, this);
    for (const heard of this.heardWhileOpening.splice(0))
      if (heard.epoch === this.epoch) Y.applyUpdate(this.doc, decodeSync(asBytes(heard.message)).payload, this);
  }

  async write(change: (doc: Y.Doc) => void): Promise<void> {
    const updates: Uint8Array[] = [];
    const collect = (update: Uint8Array) => updates.push(update);
    this.doc.on('update', collect);
    try {
      this.doc.transact(() => change(this.doc));
    } finally {
      this.doc.off('update', collect);
    }
    await Promise.all(updates.map((update) => this.send(encodeUpdate(update))));
  }

  close(): void {
    this.live.close();
  }

  private async send(message: Uint8Array): Promise<unknown> {
    const ack = await this.live.emit('notes.sync', { caseId: this.caseId, compartment, epoch: this.epoch, message });
    if (!ack.ok) throw new Error(`notes.sync refused: ${ack.code}`);
    return ack.data;
  }
}
