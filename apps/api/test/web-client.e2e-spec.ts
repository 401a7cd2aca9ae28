import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { get, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { TestApp } from './support/test-app';

describe('the browser client, served from the same origin', () => {
  let app: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'caseroom-web-'));
    await mkdir(join(webDir, 'assets'));
    await writeFile(
      join(webDir, 'index.html'),
      '<!doctype html><title>Caseroom</title><script type="module" src="/assets/app-1.js"></script>',
    );
    await writeFile(join(webDir, 'assets', 'app-1.js'), 'export {};');
    // As the build writes them: each script also compressed beside it.
    const script = `export const words = ${JSON.stringify('compressed '.repeat(200))};`;
    await writeFile(join(webDir, 'assets', 'app-2.js'), script);
    await writeFile(join(webDir, 'assets', 'app-2.js.br'), brotliCompressSync(script));
    await writeFile(join(webDir, 'assets', 'app-2.js.gz'), gzipSync(script));
    // A file named like a server path must never win over the server.
    await mkdir(join(webDir, 'api'));
    await writeFile(join(webDir, 'api', 'me'), 'shadow');
    app = await TestApp.start({ env: { WEB_DIR: webDir } });
  });
  afterAll(async () => {
    await app.stop();
    await rm(webDir, { recursive: true, force: true });
  });

  it('serves the page with a policy that allows scripts and connections from its own origin only', async () => {
    const page = await app.http.get('/').set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Caseroom</title>');
    const policy = page.headers['content-security-policy'];
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain("style-src 'self';");
    expect(policy).not.toContain('unsafe-inline');
  });

  it('allows inline styles on the API documents page only, which Swagger UI needs', async () => {
    const docs = await app.http.get('/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-security-policy']).toMatch(/style-src 'self' 'unsafe-inline'/);
    expect(docs.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    for (const path of ['/', '/api/docsx', '/api/me']) {
      const answer = await app.http.get(path).set('Accept', 'text/html');
      expect(answer.headers['content-security-policy']).not.toContain('unsafe-inline');
    }
  });

  it('answers a client route with the page, and an asset with itself, cached for good', async () => {
    const route = await app.http.get('/conferences/4d6f6a47-7f2e-4f6c-9f34-0b7f0f2f6a11').set('Accept', 'text/html');
    expect(route.status).toBe(200);
    expect(route.text).toContain('<title>Caseroom</title>');
    const asset = await app.http.get('/assets/app-1.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('sends an asset compressed when the browser accepts it, Brotli first, and plain otherwise', async () => {
    const script = `export const words = ${JSON.stringify('compressed '.repeat(200))};`;
    // Over plain node:http, which (unlike supertest and fetch) hands over the bytes as they were sent.
    const url = await app.listen();
    const fetch = (acceptEncoding: string, path = '/assets/app-2.js') =>
      new Promise<{ headers: IncomingHttpHeaders; status?: number; body: Buffer }>((resolve, reject) => {
        get(`${url}${path}`, { headers: { 'Accept-Encoding': acceptEncoding } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ headers: response.headers, status: response.statusCode, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
    const raw = (response: { body: Buffer }) => response.body;
    const brotli = await fetch('gzip, deflate, br');
    expect(brotli.status).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(brotli.headers.vary).toContain('Accept-Encoding');
    expect(brotli.headers['cache-control']).toContain('immutable');
    expect(brotliDecompressSync(raw(brotli)).toString()).toBe(script);

    const gzipped = await fetch('gzip;q=1, br;q=0');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(raw(gzipped)).toString()).toBe(script);

    const plain = await fetch('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(raw(plain).toString()).toBe(script);
    // An asset built without compressed copies is sent as it is.
    expect((await fetch('br', '/assets/app-1.js')).headers['content-encoding']).toBeUndefined();
  });

  it('never compresses an answer of the API', async () => {
    const answer = await app.http.get('/api/me').set('Accept-Encoding', 'gzip, br');
    expect(answer.headers['content-encoding']).toBeUndefined();
  });

  it('never shadows the API, the health checks or a missing asset', async () => {
    const api = await app.http.get('/api/me').set('Accept', 'text/html');
    expect(api.status).toBe(401);
    expect(api.text).not.toContain('shadow');
    const unknown = await app.http.get('/api/nothing-here').set('Accept', 'text/html');
    expect(unknown.status).toBe(404);
    expect(unknown.text).not.toContain('<title>Caseroom</title>');
    expect((await app.http.get('/health/live')).body).toEqual({ status: 'ok' });
    const missing = await app.http.get('/assets/missing.js').set('Accept', 'text/html');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('<title>Caseroom</title>');
    expect((await app.http.get('/socket.io/').set('Accept', 'text/html')).text).not.toContain('<title>Caseroom</title>');
  });

  it('tells anyone signed in the names of the agencies, and nothing more about them', async () => {
    const agencyId = await app.agency('idva_service');
    const person = await app.person(['idva'], { agencyId });
    const names = await app.http.get('/api/directory/agencies').set('Authorization', await app.bearer(person));
    expect(names.status).toBe(200);
    expect(names.body).toEqual([{ id: agencyId, name: expect.any(String), code: expect.any(String), kind: 'idva_service' }]);
    expect((await app.http.get('/api/directory/agencies')).status).toBe(401);
  });
});
