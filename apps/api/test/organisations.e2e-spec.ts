import { TestApp, type TestPerson } from './support/test-app';

describe('organisations and people', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await TestApp.start();
    admin = await app.bearer(await app.person(['administrator']));
  });
  afterAll(() => app.stop());

  const as = (authorization: string) => ({
    post: (path: string, body: object) => app.http.post(path).set('Authorization', authorization).send(body),
    patch: (path: string, body: object) => app.http.patch(path).set('Authorization', authorization).send(body),
    get: (path: string) => app.http.get(path).set('Authorization', authorization),
  });

  it('lets an administrator build a force with units, officers, a line manager and a posting history', async () => {
    const force = await as(admin).post('/api/agencies', { name: 'Westshire Police', kind: 'police_force', code: 'WSP' });
    expect(force.status).toBe(201);
    const command = await as(admin).post(`/api/agencies/${force.body.id}/units`, { name: 'Local Policing', kind: 'command' });
    const team = await as(admin).post(`/api/agencies/${force.body.id}/units`, {
      name: 'Response Team A',
      kind: 'team',
      parentId: command.body.id,
    });
    expect(team.status).toBe(201);

    const sergeant = await as(admin).post('/api/users', {
      name: 'Sgt Ann Lee',
      email: 'Ann.Lee@Westshire.example',
      agencyId: force.body.id,
      unitId: team.body.id,
      roles: ['member'],
      staffNumber: 'WS100',
      rank: 'Sergeant',
    });
    expect(sergeant.status).toBe(201);
    expect(sergeant.body.email).toBe('ann.lee@westshire.example');
    expect(sergeant.body.initialPassword).toEqual(expect.any(String));
    expect(sergeant.body).not.toHaveProperty('passwordHash');

    const constable = await as(admin).post('/api/users', {
      name: 'PC Bo Ray',
      email: 'bo.ray@westshire.example',
      agencyId: force.body.id,
      unitId: team.body.id,
      roles: ['member'],
      staffNumber: 'WS200',
      rank: 'Police Constable',
      lineManagerId: sergeant.body.id,
    });
    expect(constable.status).toBe(201);
    const posting = await as(admin).post(`/api/users/${constable.body.id}/postings`, {
      unitId: team.body.id,
      roleTitle: 'Response officer',
      startsOn: '2022-01-01',
    });
    expect(posting.status).toBe(201);

    const fetched = await as(admin).get(`/api/users/${constable.body.id}`);
    expect(fetched.body).toMatchObject({ lineManagerId: sergeant.body.id, postings: [{ roleTitle: 'Response officer', endsOn: null }] });

    const ended = await as(admin).patch(`/api/postings/${posting.body.id}`, { endsOn: '2021-12-31' });
    expect(ended.status).toBe(400);

    const loop = await as(admin).patch(`/api/users/${sergeant.body.id}`, { lineManagerId: constable.body.id });
    expect(loop.status).toBe(400);
    expect(loop.body.error.details).toEqual([{ path: 'body.lineManagerId', message: 'would make the line-management chain a loop' }]);

    const newPerson = { email: 'ivy@westshire.example', password: sergeant.body.initialPassword };
    expect((await app.login({ email: 'ann.lee@westshire.example', password: newPerson.password })).status).toBe(200);
  });

  it('requires a staff number and rank for police, and refuses them for other agencies', async () => {
    const force = await app.agency('police_force');
    const idva = await app.agency('idva_service');
    const missing = await as(admin).post('/api/users', { name: 'No Number', email: 'nn@example.org', agencyId: force, roles: ['member'] });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(['body.staffNumber', 'body.rank']);
    const misplaced = await as(admin).post('/api/users', {
      name: 'Ida',
      email: 'ida@example.org',
      agencyId: idva,
      roles: ['idva'],
      rank: 'Sergeant',
    });
    expect(misplaced.status).toBe(400);
    expect(misplaced.body.error.details).toEqual([{ path: 'body.rank', message: 'only for people in a police force' }]);
  });

  it('refuses units for agencies that are not police forces, and units of another agency', async () => {
    const idva = await app.agency('idva_service');
    expect((await as(admin).post(`/api/agencies/${idva}/units`, { name: 'Team', kind: 'team' })).status).toBe(400);
    const forceA = await app.agency('police_force');
    const forceB = await app.agency('police_force');
    const unitOfB = await app.unit(forceB);
    expect((await as(admin).post(`/api/agencies/${forceA}/units`, { name: 'Team', kind: 'team', parentId: unitOfB })).status).toBe(400);
  });

  it('answers a duplicate e-mail or agency code with 409 naming the field', async () => {
    const agency = await app.agency('probation');
    const first = await as(admin).post('/api/users', { name: 'A', email: 'same@example.org', agencyId: agency, roles: ['member'] });
    expect(first.status).toBe(201);
    const second = await as(admin).post('/api/users', { name: 'B', email: 'SAME@example.org', agencyId: agency, roles: ['member'] });
    expect(second.status).toBe(409);
    expect(second.body.error.details).toEqual([{ path: 'body.email', message: 'already in use' }]);
    expect(JSON.stringify(second.body)).not.toContain('same@example.org');
  });

  it('answers an unknown id with 404', async () => {
    expect((await as(admin).get('/api/agencies/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await as(admin).get('/api/users/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('ends every session of a person whose account is disabled', async () => {
    const person: TestPerson = await app.person(['member']);
    const token = await app.bearer(person);
    expect((await as(admin).patch(`/api/users/${person.id}`, { isActive: false })).status).toBe(200);
    expect((await app.http.get('/api/me').set('Authorization', token)).status).toBe(401);
    expect((await app.login(person)).status).toBe(401);
  });

  it('lets a coordinator read agencies but not change them or see accounts', async () => {
    const coordinator = await app.bearer(await app.person(['coordinator']));
    expect((await as(coordinator).get('/api/agencies')).status).toBe(200);
    expect((await as(coordinator).post('/api/agencies', { name: 'X', kind: 'other', code: 'XX' })).status).toBe(403);
    expect((await as(coordinator).get('/api/users')).status).toBe(403);
  });

  it('gives a member nothing but their own account', async () => {
    const member = await app.bearer(await app.person(['member']));
    expect((await as(member).get('/api/agencies')).status).toBe(403);
    expect((await as(member).get('/api/me')).status).toBe(200);
  });
});
