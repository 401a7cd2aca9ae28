import { randomUUID } from 'node:crypto';
import type { RouteEntry } from '../src/edge/route-table';
import { TestApp } from './support/test-app';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/**
 * Every route, fed bad input: each answer is a clear 4xx with an error code, never a 500.
 * Requests are made by someone holding every permission, so that the route's own validation answers.
 */
describe('bad input on every route', () => {
  let app: TestApp;
  let authorization: string;
  let routes: RouteEntry[];
  let routesWithBody: Set<string>;

  beforeAll(async () => {
    app = await TestApp.start({ env: { BODY_LIMIT_KB: '16' } });
    // Every route's permission: roles that together hold them all.
    authorization = await app.bearer(await app.person(['administrator', 'coordinator', 'chair', 'psd']));
    // Signing out would end the session the later requests use: it goes last.
    routes = app.caseroom.routes.filter((route) => !route.path.startsWith('/health'));
    routes.sort((a, b) => Number(a.path === '/api/auth/logout') - Number(b.path === '/api/auth/logout'));
    const openApi = (await app.http.get('/api/docs/openapi.json')).body as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    routesWithBody = new Set(
      Object.entries(openApi.paths).flatMap(([path, operations]) =>
        Object.entries(operations)
          .filter(([, operation]) => operation.requestBody !== undefined)
          .map(([method]) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
  });
  afterAll(() => app.stop());

  const send = (route: RouteEntry, path: string) => {
    const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
    const call = app.http[method](path);
    return route.access === 'public' ? call : call.set('Authorization', authorization);
  };
  /**
   * Fills the path's parameters: ids with `value()`, a compartment with a real one, and a sign-in
   * provider with an id no configuration could hold (they are lower case).
   */
  const withParams = (route: RouteEntry, value: () => string) =>
    route.path.replace(/:(\w+)/g, (_, name: string) =>
      name === 'compartment' ? 'panel' : name === 'providerId' ? 'NOT-A-PROVIDER' : value(),
    );

  const expectClearError = (response: { status: number; body: { error?: { code?: string; message?: string } } }, statuses: number[]) => {
    expect(statuses).toContain(response.status);
    expect(response.body.error?.code).toEqual(expect.any(String));
    expect(response.body.error?.message).toEqual(expect.any(String));
  };

  it('knows which routes take a body', () => {
    expect(routesWithBody.size).toBeGreaterThan(10);
    expect(routesWithBody).toContain('POST /api/auth/login');
    // Apologies an organiser records for an invitee: the reason, in the body.
    expect(routesWithBody).toContain('POST /api/conferences/:conferenceId/invitations/:userId/apologies');
  });

  it('answers a malformed id in the address with 400', async () => {
    for (const route of routes.filter((entry) => entry.path.includes(':'))) {
      const response = await send(
        route,
        withParams(route, () => 'not-a-uuid'),
      ).send({});
      expectClearError(response, [400]);
    }
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    for (const route of routes.filter((entry) => ['POST', 'PATCH'].includes(entry.method))) {
      const response = await send(
        route,
        withParams(route, () => randomUUID()),
      )
        .set('Content-Type', 'application/json')
        .send('{"name": "unterminated');
      expectClearError(response, [400]);
      expect(response.body.error.code).toBe('MALFORMED_JSON');
    }
  });

  it('answers an oversized body with 413, before any work is done', async () => {
    for (const route of routes.filter((entry) => ['POST', 'PATCH'].includes(entry.method))) {
      const response = await send(
        route,
        withParams(route, () => randomUUID()),
      ).send({ name: 'x'.repeat(40 * 1024) });
      expectClearError(response, [413]);
      expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    }
  });

  it('answers unknown fields with 400 naming the field', async () => {
    for (const route of routes.filter((entry) => routesWithBody.has(`${entry.method} ${entry.path}`))) {
      const response = await send(
        route,
        withParams(route, () => randomUUID()),
      ).send({ unexpectedField: true });
      expectClearError(response, [400]);
      expect(JSON.stringify(response.body.error.details)).toContain('unexpectedField');
    }
  });

  it('answers wrong types with 400', async () => {
    const wrongTypes = {
      email: 42,
      password: [],
      name: { nested: true },
      kind: 7,
      code: false,
      roles: 'chair',
      agencyId: 12,
      startsOn: 'yesterday',
      challengeToken: 1,
      refreshToken: null,
    };
    for (const route of routes.filter((entry) => routesWithBody.has(`${entry.method} ${entry.path}`))) {
      for (const body of [wrongTypes, [], [1, 2, 3]]) {
        const response = await send(
          route,
          withParams(route, () => randomUUID()),
        ).send(body);
        expectClearError(response, [400]);
      }
    }
  });

  it('answers a body that is not JSON with a 4xx', async () => {
    for (const route of routes.filter((entry) => routesWithBody.has(`${entry.method} ${entry.path}`))) {
      const response = await send(
        route,
        withParams(route, () => randomUUID()),
      )
        .set('Content-Type', 'text/plain')
        .send('email=a&password=b');
      expectClearError(response, [400, 415]);
    }
  });

  /** Every string field a schema declares, as a path of property names (and 0 for an array's items). */
  const stringFields = (schema: JsonSchema | undefined, path: (string | number)[] = [], depth = 0): (string | number)[][] => {
    if (!schema || depth > 8) return [];
    const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
    const own = schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string')) ? [path] : [];
    return [
      ...own,
      ...branches.flatMap((branch) => stringFields(branch, path, depth + 1)),
      ...Object.entries(schema.properties ?? {}).flatMap(([name, property]) => stringFields(property, [...path, name], depth + 1)),
      ...(schema.items && !Array.isArray(schema.items) ? stringFields(schema.items, [...path, 0], depth + 1) : []),
    ].filter((found, index, all) => all.findIndex((other) => other.join('.') === found.join('.')) === index);
  };
  const bodyWith = (path: (string | number)[], value: string): unknown => {
    if (path.length === 0) return value;
    const [head, ...rest] = path;
    return typeof head === 'number' ? [bodyWith(rest, value)] : { [head]: bodyWith(rest, value) };
  };

  it('answers a NUL character or half a surrogate pair in any string field of any route with 400 naming the field', async () => {
    const openApi = (await app.http.get('/api/docs/openapi.json')).body as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
            parameters?: { in: string; name: string; schema?: JsonSchema }[];
          }
        >
      >;
    };
    let fields = 0;
    for (const route of routes) {
      const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
      const operation = openApi.paths[openApiPath]?.[route.method.toLowerCase()];
      const bodySchema = operation?.requestBody?.content?.['application/json']?.schema;
      const queryFields = (operation?.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
      for (const bad of ['before\u0000after', 'half \uD800 a pair', 'other \uDC00 half']) {
        for (const path of stringFields(bodySchema).filter((candidate) => candidate.length > 0)) {
          fields += 1;
          const response = await send(
            route,
            withParams(route, () => randomUUID()),
          ).send(bodyWith(path, bad) as object);
          expectClearError(response, [400]);
          expect(response.body.error.code).toBe('VALIDATION_FAILED');
          expect(JSON.stringify(response.body.error.details)).toContain(`body.${path.join('.')}`);
        }
        // A URL cannot carry half a surrogate pair: it is sent percent-encoded as UTF-8, which has no
        // encoding for one, so the client sends U+FFFD in its place. Only the NUL reaches a query string.
        for (const name of bad.includes('\u0000') ? queryFields : []) {
          fields += 1;
          const response = await send(
            route,
            withParams(route, () => randomUUID()),
          ).query({ [name]: bad });
          expectClearError(response, [400]);
          expect(JSON.stringify(response.body.error.details)).toContain(`query.${name}`);
        }
      }
    }
    // The sweep found the fields it is meant to: dozens of them, the ones named in reports among them.
    expect(fields).toBeGreaterThan(60);
  });

  it('never answers any of the above with a 500', () => {
    expect(app.logs.text).not.toContain('unexpected error');
  });
});
