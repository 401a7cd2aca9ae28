import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const repository = resolve(__dirname, '../../..');

/** A port nothing listens on now. */
const freePort = () =>
  new Promise<number>((done, failed) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
    probe.on('error', failed);
  });

describe('the development server (npm run dev:web)', () => {
  let vite: ChildProcess;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    vite = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--config', 'apps/web/vite.config.mjs', '--port', String(port)], {
      cwd: repository,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    });
    let output = '';
    await new Promise<void>((ready, failed) => {
      const timer = setTimeout(() => failed(new Error(`the development server did not start: ${output}`)), 30_000);
      vite.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(url)) {
          clearTimeout(timer);
          ready();
        }
      });
      vite.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    });
  });

  afterAll(() => {
    vite?.kill('SIGTERM');
  });

  it('serves the client with React Fast Refresh, so an edited component is swapped in without a reload', async () => {
    const page = await (await fetch(`${url}/`)).text();
    expect(page).toContain('/@react-refresh');
    const component = await (await fetch(`${url}/src/app.tsx`)).text();
    // Each component registers with the refresh runtime and accepts its own updates.
    expect(component).toContain('$RefreshReg$');
    expect(component).toContain('import.meta.hot.accept');
  });

  it('passes the API and the live channel to the API server', async () => {
    // Nothing listens behind the proxy here: the answer is the proxy's own error, not the client's page.
    const response = await fetch(`${url}/api/health`, { headers: { Accept: 'text/html' } });
    expect(await response.text()).not.toContain('<div id="root">');
  });
});
