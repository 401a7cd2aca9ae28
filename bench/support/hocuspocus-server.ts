/*
 * A plain @hocuspocus/server, in a process of its own, for bench:notes to measure Caseroom against:
 * no extensions, so documents live in memory only, and the library's defaults otherwise. Prints
 * `hocuspocus listening on <port>` once it accepts connections.
 */
import { Server } from '@hocuspocus/server';

const server = new Server({ address: '127.0.0.1', port: 0, quiet: true });

server.listen().then(
  () => process.stdout.write(`hocuspocus listening on ${server.address.port}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
