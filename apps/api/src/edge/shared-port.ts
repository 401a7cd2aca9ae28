import type { Server } from 'node:http';
import { createServer, type AddressInfo, type ListenOptions, type Server as NetServer } from 'node:net';

/**
 * Listening sockets on the public port, all handing their connections to the one HTTP server.
 *
 * Node takes one waiting connection off a listening socket each time its event loop comes round to it.
 * An instance carrying a national peak turns its loop every 50-100 ms, so one socket let in ten to twenty
 * connections a second, while a meeting of four hundred people joins within five: the rest waited in the
 * kernel's queue, connected as far as their browsers could tell, for up to twenty seconds before the
 * server read a byte from them (bench:scale, decision 0035). Several sockets bound to the same port
 * (SO_REUSEPORT, Linux) are each served every turn, and the kernel spreads new connections over them.
 */
export const listeningSockets = 8;

/** SO_REUSEPORT: Node takes it since 22.12, the type definitions this project builds with do not name it yet. */
const sharingThePort = { reusePort: true } as ListenOptions;

/**
 * Starts `server` listening on `port` and `host` through `count` sockets (one where the platform cannot
 * share a port): `listen` makes the server itself listen (Nest's, so that the application knows it is
 * listening), the others hand it what they accept. Resolves once every one listens; they stop listening
 * when the server is closed.
 */
export async function listenOnSharedPort(
  server: Server,
  listen: (options: ListenOptions) => Promise<unknown>,
  port: number,
  host: string,
  count = listeningSockets,
): Promise<void> {
  if (process.platform !== 'linux' || count <= 1) {
    await listen({ port, host });
    return;
  }
  await listen({ port, host, ...sharingThePort });
  const { port: bound, address } = server.address() as AddressInfo;
  const others: NetServer[] = [];
  const close = server.close.bind(server);
  server.close = (callback?: (error?: Error) => void) => {
    for (const other of others) other.close();
    return close(callback);
  };
  for (let index = 1; index < count; index += 1) {
    const other = createServer((socket) => server.emit('connection', socket));
    others.push(other);
    await new Promise<void>((resolve, reject) => {
      other.once('error', reject);
      other.listen({ port: bound, host: address, ...sharingThePort }, () => {
        other.off('error', reject);
        resolve();
      });
    });
  }
}
