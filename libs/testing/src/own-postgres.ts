import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

/** The PostgreSQL server programs of the newest version installed (Debian keeps them out of PATH). */
async function binaries(): Promise<string> {
  const root = '/usr/lib/postgresql';
  const versions = (await readdir(root).catch(() => [] as string[])).sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('no PostgreSQL server programs under /usr/lib/postgresql');
  return join(root, versions[0], 'bin');
}

/**
 * A PostgreSQL of a test's own (initdb into a temporary folder, its own port, trust authentication),
 * for fault tests that restart it or take it away: the machine's shared server is never touched.
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */
export class OwnPostgres {
  private constructor(
    private readonly bin: string,
    private readonly dataDir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<OwnPostgres> {
    const folder = await mkdtemp(join(tmpdir(), 'caseroom-own-postgres-'));
    const postgres = new OwnPostgres(await binaries(), join(folder, 'data'), await freePort());
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: group } = await run('id', ['-g', 'postgres']);
      await chown(folder, Number(stdout.trim()), Number(group.trim()));
    }
    await postgres.as(join(postgres.bin, 'initdb'), ['-D', postgres.dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    await postgres.resume();
    return postgres;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Stopped: `fast` ends sessions and checkpoints; `immediate` ends at once, recovering at the next start. */
  async stop(mode: 'fast' | 'immediate'): Promise<void> {
    await this.as(join(this.bin, 'pg_ctl'), ['-D', this.dataDir, '-m', mode, '-w', 'stop']);
  }

  async resume(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c max_connections=60`;
    await this.as(join(this.bin, 'pg_ctl'), ['-D', this.dataDir, '-o', options, '-l', join(this.dataDir, '..', 'log'), '-w', 'start']);
  }

  async restart(mode: 'fast' | 'immediate'): Promise<void> {
    await this.stop(mode);
    await this.resume();
  }

  /** Stopped for good and its folder removed. */
  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined);
    await rm(join(this.dataDir, '..'), { recursive: true, force: true });
  }

  private async as(program: string, args: string[]): Promise<void> {
    if (process.getuid?.() === 0) await run('runuser', ['-u', 'postgres', '--', program, ...args]);
    else await run(program, args);
  }
}
