import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { ConferenceView } from '@caseroom/contracts';
import { PersonRepository } from '@caseroom/persistence';
import { testServices } from '@caseroom/testing';
import { LiveClient } from './support/live-client';
import { NotesPeer } from './support/notes-peer';
import { TestApp, type TestPerson } from './support/test-app';

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const canary = 'METRICS-CANARY-7f3e';

/** The metric families the deployment's dashboard draws, each of which must have samples after a live session. */
const expectedFamilies = [
  'caseroom_http_request_duration_seconds',
  'caseroom_live_event_duration_seconds',
  'caseroom_live_sockets',
  'caseroom_live_rooms',
  'caseroom_notes_acknowledgement_seconds',
  'caseroom_access_log_group_commit_appends',
  'caseroom_access_log_group_commit_rows',
  'caseroom_notes_append_updates',
  'caseroom_notes_append_seconds',
  'caseroom_live_relay_stream_lag_seconds',
  'nodejs_eventloop_lag_seconds',
  'nodejs_eventloop_lag_p99_seconds',
];

interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

/** Prometheus's text format, sample lines only (the library writes label values with `\\`, `"` and newlines escaped). */
function parseSamples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

const familyOf = (sample: Sample) => sample.name.replace(/_(bucket|count|sum)$/, '');

/** Metrics on their own port: what a live session did, counted under templates, names and outcomes only. */
describe('metrics', () => {
  let app: TestApp;
  let url: string;
  let people: Map<string, TestPerson>;
  let caseId: string;
  let caseReference: string;
  let conference: ConferenceView;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    if (!testServices.redisUrl) throw new Error('the metrics test needs Redis (TEST_REDIS_URL) for the relay stream lag');
    app = await TestApp.start({ withRedis: true, env: { METRICS_PORT: '0' } });
    // Another instance registered (decision 0033): alone, this one would write nothing to the stream and
    // read nothing back, so there would be no lag to measure.
    const redis = new Redis(testServices.redisUrl);
    try {
      const [seconds] = await redis.time();
      await redis.zadd(`${app.redisPrefix}:socket.io:members`, Number(seconds) * 1000 + 600_000, 'metrics-test-other-instance');
    } finally {
      redis.disconnect();
    }
    url = await app.listen();
    people = await app.seedDemoWorld();
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await app.stop();
  });

  const token = async (key: string) => (await app.signIn(people.get(key)!)).accessToken;
  const scrape = async () => {
    const response = await fetch(app.caseroom.metricsUrl!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  it('counts a live session under route templates, event names and outcomes, and never under anything the policy protects', async () => {
    const coordinator = `Bearer ${await token('coordinator')}`;
    const agencies = (await app.http.get('/api/agencies').set('Authorization', coordinator)).body as { id: string; code: string }[];
    const byCode = (code: string) => agencies.find((agency) => agency.code === code)!.id;
    const listed = (await app.http.get('/api/cases').set('Authorization', coordinator)).body as { id: string; reference: string }[];
    ({ id: caseId, reference: caseReference } = listed[0]);
    // A case read over HTTP: a concrete path with the case's id, logged in the access log.
    expect((await app.http.get(`/api/cases/${caseId}`).set('Authorization', coordinator)).status).toBe(200);
    const scheduled = await app.http
      .post('/api/conferences')
      .set('Authorization', coordinator)
      .send({
        title: `${canary} MARAC`,
        scheduledAt: '2026-12-03T10:00:00Z',
        chairId: people.get('chair')!.id,
        invitedAgencyIds: [byCode('NIDVA'), byCode('NPDU')],
      });
    conference = (await app.http.post(`/api/conferences/${scheduled.body.id}/agenda`).set('Authorization', coordinator).send({ caseId }))
      .body as ConferenceView;

    const chair = await LiveClient.connect(url, await token('chair'));
    const idva = await LiveClient.connect(url, await token('idva'));
    clients.push(chair, idva);
    for (const client of [chair, idva]) {
      expect(await client.emit('conference.acknowledge', { conferenceId: conference.id })).toMatchObject({ ok: true });
    }
    expect(await chair.emit('conference.open', { conferenceId: conference.id })).toEqual({ ok: true });
    expect(await chair.emit('agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId })).toEqual({ ok: true });
    await idva.next('agenda.current');
    // A refusal too, so that an outcome other than ok is counted.
    expect(await idva.emit('conference.join', { conferenceId: 'not-a-conference' })).toMatchObject({ ok: false });
    const notes = new NotesPeer(idva, caseId, 'victim');
    await notes.open();
    expect(await notes.type(`${canary} She is staying with her sister.`)).toEqual({ ok: true });

    const text = await scrape();
    const samples = parseSamples(text);

    const missing = expectedFamilies.filter((family) => !samples.some((sample) => familyOf(sample) === family));
    expect(missing).toEqual([]);
    // Nothing of a case, a person or a conference anywhere in the answer, labels or otherwise.
    const labelValues = samples.flatMap((sample) => Object.values(sample.labels));
    expect(labelValues.filter((value) => uuid.test(value))).toEqual([]);
    expect(text).not.toMatch(uuid);
    const names = (await app.get(PersonRepository).listAll()).map((person) => person.name);
    expect(names.length).toBeGreaterThan(3);
    for (const secret of [canary, caseReference, ...names])
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });

    const count = (name: string, labels: Record<string, string>) =>
      samples
        .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
        .reduce((sum, sample) => sum + sample.value, 0);
    expect(count('caseroom_http_request_duration_seconds_count', { route: '/api/cases/:caseId', method: 'GET', status_class: '2xx' })).toBe(
      1,
    );
    expect(count('caseroom_live_event_duration_seconds_count', { event: 'agenda.move', outcome: 'ok' })).toBe(1);
    expect(count('caseroom_live_event_duration_seconds_count', { event: 'conference.join' })).toBe(1);
    expect(count('caseroom_live_event_duration_seconds_count', { event: 'conference.join', outcome: 'ok' })).toBe(0);
    expect(count('caseroom_notes_acknowledgement_seconds_count', { outcome: 'stored' })).toBeGreaterThanOrEqual(1);
    expect(count('caseroom_access_log_group_commit_appends_count', {})).toBeGreaterThanOrEqual(1);
    expect(count('caseroom_access_log_group_commit_rows_sum', {})).toBeGreaterThanOrEqual(
      count('caseroom_access_log_group_commit_appends_sum', {}),
    );
    // The update typed above was stored by an append of its own or with others: as many updates as appends, or more.
    expect(count('caseroom_notes_append_seconds_count', { outcome: 'stored' })).toBeGreaterThanOrEqual(1);
    expect(count('caseroom_notes_append_seconds_count', { outcome: 'failed' })).toBe(0);
    expect(count('caseroom_notes_append_updates_sum', {})).toBeGreaterThanOrEqual(count('caseroom_notes_append_updates_count', {}));
    expect(count('caseroom_notes_append_updates_count', {})).toBe(count('caseroom_notes_append_seconds_count', {}));
    expect(count('caseroom_live_relay_stream_lag_seconds_count', {})).toBeGreaterThanOrEqual(1);
    expect(count('caseroom_live_sockets', {})).toBe(2);
    expect(count('caseroom_live_rooms', { kind: 'conference' })).toBe(1);
    expect(count('caseroom_live_rooms', { kind: 'compartment' })).toBeGreaterThanOrEqual(1);
  });

  it('is not served on the public port, with or without the API prefix', async () => {
    const administrator = `Bearer ${await token('admin')}`;
    for (const path of ['/metrics', '/api/metrics']) {
      const response = await app.http.get(path).set('Authorization', administrator);
      // Nothing there (404), or, where the web client is built, its page for an address it does not know: never metrics.
      if (response.status === 200) expect(response.headers['content-type']).toMatch(/^text\/html/);
      else expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.text).not.toContain('caseroom_');
      expect(response.text).not.toContain('# TYPE');
    }
  });

  it('has a panel on the deployment dashboard for every family, and Prometheus scrapes the port the instances serve it on', () => {
    const root = join(__dirname, '..', '..', '..');
    const dashboard = JSON.parse(readFileSync(join(root, 'deploy/grafana/dashboards/caseroom.json'), 'utf8')) as {
      panels: { targets?: { expr: string }[] }[];
    };
    const expressions = dashboard.panels.flatMap((panel) => panel.targets ?? []).map((target) => target.expr);
    expect(expectedFamilies.filter((family) => !expressions.some((expression) => expression.includes(family)))).toEqual([]);
    const port = /METRICS_PORT: '(\d+)'/.exec(readFileSync(join(root, 'docker-compose.yml'), 'utf8'))?.[1];
    expect(readFileSync(join(root, 'deploy/prometheus.yml'), 'utf8')).toContain(`['api-1:${port}', 'api-2:${port}']`);
  });

  it('answers nothing but GET /metrics on its own port', async () => {
    const base = app.caseroom.metricsUrl!.replace(/\/metrics$/, '');
    expect(new URL(base).hostname).toBe('127.0.0.1');
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});
