import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createServer as createHttpServer } from 'node:http';
import { listenOnSharedPort, listeningSockets } from './shared-port';

/** Another process that opens `count` connections to the port when told to, and says when they are open. */
function connector(port: number, count: number) {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const net = require('net');
       process.stdin.once('data', () => {
         let open = 0;
         for (let i = 0; i < ${count}; i++) net.connect(${port}, '127.0.0.1').on('connect', () => { if (++open === ${count}) process.stdout.write('open\\n'); }).on('error', () => {});
       });`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const opened = new Promise<void>((resolve) => child.stdout.on('data', () => resolve()));
  return { go: () => child.stdin.write('go\n'), opened, stop: () => child.kill() };
}

/** Keeps this process's event loop from turning for a while, as a busy instance's does between turns. */
function busy(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
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
  const clients = connector(port, 40);
  try {
    await new Promise((resolve) => setTimeout(resolve, 200)); // the connecting process is up
    clients.go();
    busy(1_000);
    await new Promise((resolve) => setImmediate(resolve));
    const inOneTurn = accepted;
    await clients.opened;
    return inOneTurn;
  } finally {
    clients.stop();
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
