import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { cpuSeconds } from './figures';
import { debuggerUrl, HeapProbe, inspectFlag } from './inspector';
import type { NotesClient, NotesServer } from './notes-workload';
import { sleep, within } from './pacing';

const repository = resolve(__dirname, '../..');
const entry = resolve(__dirname, 'hocuspocus-server.ts');

/** The plain Hocuspocus server (bench/support/hocuspocus-server.ts) in its own process, and clients of it. */
export class HocuspocusNotes implements NotesServer {
  readonly name = 'hocuspocus';
  private output = '';
  private probe: HeapProbe | null = null;
  private roomsMade = 0;
  private url = '';

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static async start(): Promise<HocuspocusNotes> {
    const server = new HocuspocusNotes(
      spawn(process.execPath, [inspectFlag, '-r', '@swc-node/register', entry], {
        cwd: repository,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      }),
    );
    try {
      server.url = `ws://127.0.0.1:${await server.port()}`;
      server.probe = await HeapProbe.attach(await debuggerUrl(() => server.output));
      return server;
    } catch (error) {
      await server.close();
      throw error;
    }
  }

  /** A document is created when its first client connects: a room is only a fresh name. */
  rooms(count: number): Promise<string[]> {
    return Promise.resolve(Array.from({ length: count }, () => `room-${++this.roomsMade}`));
  }

  async join(room: string): Promise<NotesClient> {
    const doc = new Y.Doc();
    const socket = new HocuspocusProviderWebsocket({
      url: this.url,
      WebSocketPolyfill: WebSocket,
      // One attempt: a connection that fails is an error here, not something to retry quietly.
      maxAttempts: 1,
      // Clients here send no awareness (neither do Caseroom's), so quiet ones must not count as dead.
      messageReconnectTimeout: 3_600_000,
    });
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: room, document: doc, awareness: null });
    const client = new HocuspocusClient(doc, provider, socket);
    try {
      await within(
        new Promise<void>((resolveSynced, reject) => {
          provider.on('synced', () => resolveSynced());
          socket.on('maxAttemptsFailed', () => reject(new Error('could not connect to Hocuspocus')));
          provider.attach();
        }),
        30_000,
        `joining ${room}`,
      );
      return client;
    } catch (error) {
      client.close();
      throw error;
    }
  }

  heapUsed(): Promise<number> {
    return this.probe!.usedAfterGc();
  }

  cpuSeconds(): number {
    return cpuSeconds(this.child.pid!);
  }

  async close(): Promise<void> {
    this.probe?.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolveExit) => this.child.once('exit', () => resolveExit()));
    this.child.kill('SIGTERM');
    await exited;
  }

  private async port(timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = /hocuspocus listening on (\d+)/.exec(this.output);
      if (match) return Number(match[1]);
      if (this.child.exitCode !== null) throw new Error(`Hocuspocus exited with ${this.child.exitCode}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`Hocuspocus not ready in time:\n${this.output}`);
      await sleep(50);
    }
  }
}

/** A HocuspocusProvider on a connection of its own, as each browser tab has. */
class HocuspocusClient implements NotesClient {
  /** Updates the server has confirmed applying, counted since the client joined. */
  private confirmed = 0;
  private reported: number;
  private readonly waiting: { upTo: number; resolve: () => void }[] = [];

  constructor(
    readonly doc: Y.Doc,
    private readonly provider: HocuspocusProvider,
    private readonly socket: HocuspocusProviderWebsocket,
  ) {
    this.reported = provider.unsyncedChanges;
    // The server confirms the updates of one connection in the order they were sent, one at a time.
    provider.on('unsyncedChanges', ({ number }: { number: number }) => {
      if (number < this.reported) this.confirmed += this.reported - number;
      this.reported = number;
      while (this.waiting.length > 0 && this.waiting[0].upTo <= this.confirmed) this.waiting.shift()!.resolve();
    });
  }

  write(change: (doc: Y.Doc) => void): Promise<void> {
    this.doc.transact(() => change(this.doc));
    // Everything unconfirmed so far, this update last, is what the server has to confirm.
    const upTo = this.confirmed + this.provider.unsyncedChanges;
    return new Promise<void>((resolveWrite) => this.waiting.push({ upTo, resolve: resolveWrite }));
  }

  close(): void {
    this.provider.destroy();
    this.socket.destroy();
  }
}
