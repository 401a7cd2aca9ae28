import { Logger } from 'nestjs-pino';
import { describeWithRedis } from '@caseroom/testing';
import { TestApp, testOrigin } from './support/test-app';

describe('health, documents and the HTTP edge', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.stop());

  it('is live and ready with its database', async () => {
    expect((await app.http.get('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await app.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info).toMatchObject({ database: { status: 'up' } });
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const document = await app.http.get('/api/docs/openapi.json');
    expect(document.status).toBe(200);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/users/{userId}']));
    const ui = await app.http.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('documents every operation with a summary, the errors it answers with and an example of each', async () => {
    const document = (await app.http.get('/api/docs/openapi.json')).body as {
      paths: Record<
        string,
        Record<
          string,
          {
            summary?: string;
            requestBody?: { content: Record<string, { example?: unknown }> };
            responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
          }
        >
      >;
    };
    const missing: string[] = [];
    const served = new Set(app.caseroom.routes.map((route) => `${route.method} ${route.path}`));
    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations)) {
        const name = `${method.toUpperCase()} ${path}`;
        served.delete(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
        if (!operation.summary) missing.push(`${name}: summary`);
        if (operation.requestBody && operation.requestBody.content['application/json']?.example === undefined)
          missing.push(`${name}: an example body`);
        const failures = Object.entries(operation.responses).filter(([code]) => Number(code) >= 400);
        if (!path.startsWith('/health') && failures.length === 0) missing.push(`${name}: its errors`);
        for (const [code, response] of failures)
          if (response.content?.['application/json']?.example === undefined) missing.push(`${name}: an example of ${code}`);
      }
    expect(missing).toEqual([]);
    // Every route the application serves is in the document.
    expect([...served]).toEqual([]);
  });

  it('sends security headers, no-store and a request id on every answer', async () => {
    const response = await app.http.get('/api/me');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body.error.requestId).toBe(response.headers['x-request-id']);
  });

  it('keeps a plain incoming request id and replaces an odd one', async () => {
    expect((await app.http.get('/health/live').set('X-Request-Id', 'trace-12345678')).headers['x-request-id']).toBe('trace-12345678');
    expect((await app.http.get('/health/live').set('X-Request-Id', 'bad id <script>')).headers['x-request-id']).not.toContain('script');
  });

  it('allows cross-origin calls only from the allow-list', async () => {
    const allowed = await app.http.options('/api/auth/login').set('Origin', testOrigin).set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe(testOrigin);
    const refused = await app.http
      .options('/api/auth/login')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('logs requests as JSON with method, path and id, never headers or bodies', async () => {
    await app.http
      .post('/api/auth/login')
      .set('Authorization', 'Bearer secret-looking-value')
      .send({ email: 'someone@example.org', password: 'hunter2-hunter2' });
    const lines = app.logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const request = lines.find((line) => (line.req as { path?: string } | undefined)?.path === '/api/auth/login');
    expect(request).toMatchObject({ req: { method: 'POST', path: '/api/auth/login' }, res: { statusCode: 401 } });
    expect(app.logs.text).not.toContain('hunter2');
    expect(app.logs.text).not.toContain('secret-looking-value');
    expect(app.logs.text).not.toContain('someone@example.org');
  });

  it('redacts protected field names wherever they appear in a logged object', () => {
    app
      .get(Logger)
      .log(
        { userId: 'u-1', password: 'pw-value-1', tokens: { refreshToken: 'rt-value-2' }, body: { nested: { secret: 's-value-3' } } },
        'probe',
      );
    const probe = app.logs.lines.find((line) => line.includes('"probe"'))!;
    expect(probe).toContain('"userId":"u-1"');
    for (const value of ['pw-value-1', 'rt-value-2', 's-value-3']) expect(probe).not.toContain(value);
    expect(probe).toContain('[redacted]');
  });
});

describeWithRedis('with Redis configured', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ withRedis: true });
  });
  afterAll(() => app.stop());

  it('reports Redis in readiness', async () => {
    const ready = await app.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('runs as one of several instances', () => {
    expect(app.caseroom.isSingleInstance).toBe(false);
  });

  it('shares sign-in rate limits through Redis', async () => {
    const limited = await TestApp.start({ withRedis: true, env: { AUTH_RATE_LIMIT_PER_MINUTE: '2' } });
    const other = await TestApp.start({
      withRedis: true,
      env: { AUTH_RATE_LIMIT_PER_MINUTE: '2' },
      sharedDatabase: limited.database,
      sharedSecrets: { jwtSecret: limited.jwtSecret, dataKey: limited.dataKey },
    });
    try {
      const email = `limit-${Date.now()}@example.org`;
      const statuses = [
        (await limited.http.post('/api/auth/login').send({ email, password: 'x' })).status,
        (await other.http.post('/api/auth/login').send({ email, password: 'x' })).status,
        (await limited.http.post('/api/auth/login').send({ email, password: 'x' })).status,
      ];
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await other.stop();
      await limited.stop();
    }
  });
});
