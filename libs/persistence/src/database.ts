import { mkdir } from 'node:fs/promises';
import type { DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

export type DatabaseTarget =
  { readonly kind: 'postgres'; readonly url: string; readonly poolSize: number } | { readonly kind: 'embedded'; readonly dataDir: string };

export interface OpenDatabase {
  readonly options: DataSourceOptions;
  readonly description: string;
  readonly isEmbedded: boolean;
  close(): Promise<void>;
}

const common = {
  type: 'postgres',
  entities,
  migrations,
  migrationsTableName: 'schema_migrations',
  migrationsTransactionMode: 'each',
  synchronize: false,
  // gen_random_uuid() is built into PostgreSQL 13+: no extension, and no CREATE privilege, needed.
  uuidExtension: 'pgcrypto',
  installExtensions: false,
  logging: false,
} as const;

/**
 * Resolves where the data lives. With a URL it is a PostgreSQL server; without one, PGlite (PostgreSQL
 * compiled to WebAssembly) runs in this process over a loopback socket, so that the very same driver,
 * entities and migrations serve both paths.
 */
export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  if (target.kind === 'postgres') {
    return {
      options: { ...common, url: target.url, extra: { max: target.poolSize } },
      description: `PostgreSQL at ${redactUrl(target.url)}`,
      isEmbedded: false,
      close: () => Promise.resolve(),
    };
  }
  return openEmbedded(target.dataDir);
}

async function openEmbedded(dataDir: string): Promise<OpenDatabase> {
  // Loaded lazily: production never pays for the WebAssembly build.
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-socket')]);
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir });
  // Two slots so that a new connection is not refused while the previous one is still closing; the
  // pool below never holds more than one at a time, so statements still never interleave.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 2 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  return {
    // PGlite is one backend session: a single pooled connection keeps transactions from interleaving.
    options: { ...common, host: '127.0.0.1', port, username: 'postgres', database: 'postgres', extra: { max: 1 } },
    description: `embedded PostgreSQL (PGlite) in ${dataDir}`,
    isEmbedded: true,
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
