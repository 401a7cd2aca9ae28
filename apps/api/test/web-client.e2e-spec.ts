import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
