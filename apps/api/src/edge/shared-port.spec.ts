import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createServer as createHttpServer } from 'node:http';
import { listenOnSharedPort, listeningSockets } from './shared-port';

/**
 * Another process that opens `count` connections to the port when told to. It says on its output when it is
 * ready to be told, and, once every connection is open (in the kernel's queue, whether or not the server
 * has taken it yet), writes `openedFile`, which a busy event loop can look for without turning.
 */
function connector(port: number, count: number, openedFile: string) {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const net = require('net');
       const fs = require('fs');
       process.stdin.once('data', () => {
         let open = 0;
         for (let i = 0; i < ${count}; i++) net.connect(${port}, '127.0.0.1').on('connect', () => { if (++open === ${count}) fs.writeFileSync(${JSON.stringify(openedFile)}, 'open'); }).on('error', () => {});
       });
       process.stdout.write('ready\\n');`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  return { ready, go: () => child.stdin.write('go\n'), stop: () => child.kill() };
}

/**
 * Keeps this process's event loop from turning, as a busy instance's does between turns, until every
 * connection is waiting in the kernel (however slowly a loaded machine starts the other process), or 20 s.
 */
function busyUntil(file: string): void {
  const until = Date.now() + 20_000;
  while (!existsSync(file) && Date.now() < until) {
    // Spinning.
  }
}

/** How many waiting connections the server takes in one turn of the event loop, after being kept busy while they arrived. */
async function acceptedInOneTurn(server: Server, port: number): Promise<number> {
  let accepted = 0;
  server.on('connection', (socket) => {
    accepted += 1;
    socket.destroy();
  });
  const folder = await mkdtemp(join(tmpdir(), 'caseroom-shared-port-'));
  const openedFile = join(folder, 'opened');
  const clients = connector(port, 40, openedFile);
  try {
    await clients.ready;
    // Busy from a timer's callback: the next phase of the loop is the poll that takes connections in, and
    // the check phase after it (setImmediate) counts what that one turn took.
    await new Promise((resolve) => setTimeout(resolve, 0));
    clients.go();
    busyUntil(openedFile);
    expect(existsSync(openedFile)).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    return accepted;
  } finally {
    clients.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

describe('listening on a shared port', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  const start = async (count: number) => {
    const server = createHttpServer();
    servers.push(server);
    await listenOnSharedPort(
      server,
      (options) => new Promise((resolve) => server.listen(options, () => resolve(undefined))),
      0,
      '127.0.0.1',
      count,
    );
    return { server, port: (server.address() as AddressInfo).port };
  };

  it('takes many waiting connections in one turn of a busy event loop, not one', async () => {
    // One listening socket takes one connection a turn: a meeting joining at once waited in the kernel's queue.
    const { server, port } = await start(listeningSockets);
    expect(await acceptedInOneTurn(server, port)).toBeGreaterThan(2);
  });

  it('stops listening on every socket when the server closes', async () => {
    const { server, port } = await start(listeningSockets);
    await new Promise((resolve) => server.close(resolve));
    servers.splice(servers.indexOf(server), 1);
    // The port is free again: a socket still listening on it without SO_REUSEPORT's company would refuse this.
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, '127.0.0.1', () => resolve());
    });
    await new Promise((resolve) => probe.close(resolve));
  });
});
