import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const entry = resolve(__dirname, '../../../dist/apps/api/src/main.js');

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly output: () => string;
}

/** Runs the built server the way `npm start` does, with nothing configured but a data folder. */
function start(env: Record<string, string>): Running {
  let output = '';
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function waitFor(running: Running, pattern: RegExp, timeoutMs = 45_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = running.output().match(pattern);
    if (match) return match;
    if (running.child.exitCode !== null) throw new Error(`server exited with ${running.child.exitCode}:\n${running.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${running.output()}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

async function stop(running: Running): Promise<number | null> {
  if (running.child.exitCode !== null) return running.child.exitCode;
  const exited = new Promise<number | null>((resolveExit) => running.child.once('exit', (code) => resolveExit(code)));
  running.child.kill('SIGTERM');
  return exited;
}

const describeBuilt = existsSync(entry) ? describe : describe.skip;

describeBuilt('starting Caseroom with nothing configured', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'caseroom-start-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('migrates the embedded database, seeds the demo world, prints the address and logins, and serves', async () => {
    const running = start({ DATA_DIR: dataDir });
    try {
      const [, address] = await waitFor(running, /Address:\s+(http:\/\/\S+)/);
      const [, email, password] = await waitFor(running, /(admin@demo\.caseroom\.test)\s+(\S+)/);
      expect(running.output()).toContain('DEMO MODE');
      expect(running.output()).toContain('Second factor:  BYPASSED');
      expect(running.output()).toContain('REDIS_URL is not set: running as a single instance');

      expect((await fetch(`${address}/health/ready`)).status).toBe(200);
      const login = await fetch(`${address}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      const body = (await login.json()) as { status: string; tokens: { accessToken: string } };
      expect(body.status).toBe('authenticated');
      const people = await fetch(`${address}/api/users`, { headers: { Authorization: `Bearer ${body.tokens.accessToken}` } });
      expect(((await people.json()) as unknown[]).length).toBe(16);

      // The coordinator lands in a conference being prepared, seeded on the embedded database too.
      const [, coordinatorPassword] = await waitFor(running, /coordinator@demo\.caseroom\.test\s+(\S+)/);
      const coordinator = (await (
        await fetch(`${address}/api/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: 'coordinator@demo.caseroom.test', password: coordinatorPassword }),
        })
      ).json()) as { tokens: { accessToken: string } };
      const conferences = await fetch(`${address}/api/conferences`, {
        headers: { Authorization: `Bearer ${coordinator.tokens.accessToken}` },
      });
      expect(
        ((await conferences.json()) as { status: string; agenda: unknown[] }[]).map(({ status, agenda }) => [status, agenda.length]),
      ).toEqual([['scheduled', 2]]);
    } finally {
      expect(await stop(running)).toBe(0);
    }
  });

  it('keeps its data across a restart and does not seed twice', async () => {
    const running = start({ DATA_DIR: dataDir });
    try {
      await waitFor(running, /Caseroom is ready/);
      expect(running.output()).not.toContain('demo world seeded');
      expect(running.output()).toMatch(/admin@demo\.caseroom\.test\s+\S+/);
    } finally {
      expect(await stop(running)).toBe(0);
    }
  });

  it('refuses to start on a malformed variable, naming it', async () => {
    const running = start({ DATA_DIR: dataDir, PORT: 'eighty', REDIS_URL: 'nonsense' });
    const code = await new Promise<number | null>((resolveExit) => running.child.once('exit', resolveExit));
    expect(code).toBe(1);
    expect(running.output()).toContain('PORT must be a whole number');
    expect(running.output()).toContain('REDIS_URL must be a URL');
    expect(running.output()).not.toContain('nonsense');
  });

  it('refuses to start outside demo mode without its secrets', async () => {
    const running = start({ DATA_DIR: dataDir, DEMO_MODE: 'false' });
    const code = await new Promise<number | null>((resolveExit) => running.child.once('exit', resolveExit));
    expect(code).toBe(1);
    expect(running.output()).toContain('JWT_SECRET is required outside demo mode');
  });

  it('creates a first administrator from the command line, who must then enrol a second factor', async () => {
    const productionDir = await mkdtemp(join(tmpdir(), 'caseroom-admin-'));
    const env = { DATA_DIR: productionDir, DEMO_MODE: 'false', JWT_SECRET: 'j'.repeat(40), DATA_ENCRYPTION_KEY: 'k'.repeat(40) };
    try {
      const cli = spawn(
        process.execPath,
        [
          resolve(entry, '../cli/create-administrator.js'),
          '--email',
          'First.Admin@example.org',
          '--name',
          'First Admin',
          '--agency-code',
          'NCSP',
        ],
        {
          env: { PATH: process.env.PATH ?? '', ...env },
        },
      );
      let printed = '';
      cli.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      cli.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      expect(await new Promise((resolveExit) => cli.once('exit', resolveExit))).toBe(0);
      const password = printed.match(/Password \(shown once; hand it over safely\): (\S+)/)?.[1];
      expect(password).toBeDefined();

      const running = start(env);
      try {
        const [, port] = await waitFor(running, /"address":"http:\/\/127\.0\.0\.1:(\d+)"/);
        expect(running.output()).not.toContain('DEMO MODE');
        const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: 'first.admin@example.org', password }),
        });
        expect(((await login.json()) as { status: string }).status).toBe('second_factor_enrolment_required');
      } finally {
        expect(await stop(running)).toBe(0);
      }
    } finally {
      await rm(productionDir, { recursive: true, force: true });
    }
  });

  it('refuses to create an administrator without the details it needs', async () => {
    const cli = spawn(process.execPath, [resolve(entry, '../cli/create-administrator.js'), '--email', 'not-an-email'], {
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
    });
    let printed = '';
    cli.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    expect(await new Promise((resolveExit) => cli.once('exit', resolveExit))).toBe(1);
    expect(printed).toContain('Usage: npm run admin:create');
  });
});
