import jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { PersonRepository } from '@caseroom/persistence';
import { TestApp, type TestPerson } from './support/test-app';

describe('signing in', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.stop());

  describe('lockout', () => {
    it('locks an account for 15 minutes after 5 failed passwords, even against the right password', async () => {
      const person = await app.person(['member']);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        expect((await app.login({ ...person, password: 'wrong' })).status).toBe(401);
      }
      const whileLocked = await app.login(person);
      expect(whileLocked.status).toBe(401);
      expect(whileLocked.body.error.code).toBe('INVALID_CREDENTIALS');

      app.clock.advance(14 * 60_000);
      expect((await app.login(person)).status).toBe(401);
      app.clock.advance(60_000 + 1);
      expect((await app.login(person)).status).toBe(200);
    });

    it('counts guesses sent at once each: nineteen wrong passwords and then the right one, all at once, leave the account locked', async () => {
      const person = await app.person(['member']);
      const attempts = await Promise.all(
        Array.from({ length: 20 }, (_, index) => app.login(index === 19 ? person : { ...person, password: `wrong-${index}` })),
      );
      expect(attempts.map((attempt) => attempt.status)).toEqual(Array.from({ length: 20 }, () => 401));
      // Left locked: the right password is refused until the lock runs out.
      expect((await app.login(person)).status).toBe(401);
      app.clock.advance(15 * 60_000 + 1);
      expect((await app.login(person)).status).toBe(200);
    });

    it('checks no more than five passwords however many arrive at once, the right one among them', async () => {
      const person = await app.person(['member']);
      const attempts = await Promise.all(
        Array.from({ length: 20 }, (_, index) => app.login(index === 19 ? person : { ...person, password: `wrong-${index}` })),
      );
      // The right one succeeds only if it was among the first five to be counted; never more than that.
      expect(attempts.filter((attempt) => attempt.status === 200).length).toBeLessThanOrEqual(1);
      const [row] = await app
        .get(DataSource)
        .query<{ failed_login_count: number }[]>(`SELECT failed_login_count FROM users WHERE id = $1`, [person.id]);
      expect(row.failed_login_count).toBeLessThanOrEqual(5);
    });

    it('does not lock after 4 failures followed by a success', async () => {
      const person = await app.person(['member']);
      for (let attempt = 0; attempt < 4; attempt += 1) await app.login({ ...person, password: 'wrong' });
      expect((await app.login(person)).status).toBe(200);
      for (let attempt = 0; attempt < 4; attempt += 1) await app.login({ ...person, password: 'wrong' });
      expect((await app.login(person)).status).toBe(200);
    });
  });

  describe('no user enumeration', () => {
    it('answers an unknown e-mail and a wrong password with the same status and message', async () => {
      const person = await app.person(['member']);
      const unknown = await app.login({ email: 'nobody-here@test.caseroom.test', password: 'whatever' });
      const wrong = await app.login({ ...person, password: 'whatever' });
      expect(unknown.status).toBe(wrong.status);
      const strip = (body: { error: { requestId?: string } }) => ({ ...body.error, requestId: undefined });
      expect(strip(unknown.body)).toEqual(strip(wrong.body));
    });

    it('spends comparable time on an unknown e-mail and on a wrong password', async () => {
      const person = await app.person(['member']);
      const time = async (email: string) => {
        const started = process.hrtime.bigint();
        await app.login({ email, password: 'not-the-password' });
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
      const unknown: number[] = [];
      const known: number[] = [];
      for (let round = 0; round < 4; round += 1) {
        unknown.push(await time(`ghost-${round}@test.caseroom.test`));
        known.push(await time(person.email));
      }
      // Both paths run a full argon2id verification; without it the unknown path would be ~100x faster.
      expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
    });
  });

  describe('refresh tokens', () => {
    it('rotates, and a reused token revokes the whole family', async () => {
      const person = await app.person(['member']);
      const first = await app.signIn(person);
      const rotated = await app.http.post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
      expect(rotated.status).toBe(200);
      expect(rotated.body.refreshToken).not.toBe(first.refreshToken);

      const reuse = await app.http.post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
      expect(reuse.status).toBe(401);
      expect(reuse.body.error.code).toBe('REFRESH_TOKEN_INVALID');

      const laterRotation = await app.http.post('/api/auth/refresh').send({ refreshToken: rotated.body.refreshToken });
      expect(laterRotation.status).toBe(401);
      const me = await app.http.get('/api/me').set('Authorization', `Bearer ${rotated.body.accessToken}`);
      expect(me.status).toBe(401);
      expect(me.body.error.code).toBe('SESSION_REVOKED');
    });

    it('refuses an unknown refresh token', async () => {
      const response = await app.http.post('/api/auth/refresh').send({ refreshToken: 'rt_made-up' });
      expect(response.status).toBe(401);
    });

    it('ends the session on logout', async () => {
      const person = await app.person(['member']);
      const tokens = await app.signIn(person);
      expect((await app.http.post('/api/auth/logout').set('Authorization', `Bearer ${tokens.accessToken}`)).status).toBe(204);
      expect((await app.http.get('/api/me').set('Authorization', `Bearer ${tokens.accessToken}`)).status).toBe(401);
      expect((await app.http.post('/api/auth/refresh').send({ refreshToken: tokens.refreshToken })).status).toBe(401);
    });
  });

  describe('second factor', () => {
    let chair: TestPerson;

    beforeAll(async () => {
      chair = await app.person(['chair']);
    });

    it('makes a chair enrol an authenticator before any session is issued', async () => {
      const login = await app.login(chair);
      expect(login.body).toEqual({ status: 'second_factor_enrolment_required', challengeToken: expect.any(String) });
      const tokens = await app.signIn(chair);
      expect(chair.totpSecret).toBeDefined();
      expect((await app.http.get('/api/me').set('Authorization', `Bearer ${tokens.accessToken}`)).body.hasSecondFactor).toBe(true);
    });

    it('refuses a TOTP code the second time it is used', async () => {
      app.clock.advance(30_000);
      const code = await app.totpCode(chair.totpSecret!);
      const first = await app.login(chair);
      const accepted = await app.http.post('/api/auth/second-factor').send({ challengeToken: first.body.challengeToken, code });
      expect(accepted.status).toBe(200);

      const second = await app.login(chair);
      const replay = await app.http.post('/api/auth/second-factor').send({ challengeToken: second.body.challengeToken, code });
      expect(replay.status).toBe(401);
      expect(replay.body.error.code).toBe('SECOND_FACTOR_INVALID');
    });

    it('completes one sign-in per challenge: the same challenge with a later code is refused', async () => {
      app.clock.advance(30_000);
      const login = await app.login(chair);
      const first = await app.http
        .post('/api/auth/second-factor')
        .send({ challengeToken: login.body.challengeToken, code: await app.totpCode(chair.totpSecret!) });
      expect(first.status).toBe(200);
      app.clock.advance(30_000);
      const again = await app.http
        .post('/api/auth/second-factor')
        .send({ challengeToken: login.body.challengeToken, code: await app.totpCode(chair.totpSecret!) });
      expect(again.status).toBe(401);
      expect(again.body.tokens).toBeUndefined();
    });

    it('counts second-factor guesses sent at once each', async () => {
      const person = await app.person(['chair']);
      await app.signIn(person);
      app.clock.advance(30_000);
      const login = await app.login(person);
      const guesses = await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          app.http.post('/api/auth/second-factor').send({ challengeToken: login.body.challengeToken, code: String(100000 + index) }),
        ),
      );
      expect(guesses.every((guess) => guess.status === 401)).toBe(true);
      // Five of those locked the account: the right code is refused now.
      const right = await app.http
        .post('/api/auth/second-factor')
        .send({ challengeToken: login.body.challengeToken, code: await app.totpCode(person.totpSecret!) });
      expect(right.status).toBe(401);
      expect(right.body.error.code).toBe('SECOND_FACTOR_INVALID');
    });

    it('accepts each recovery code once', async () => {
      const person = await app.person(['psd']);
      const login = await app.login(person);
      await app.http
        .post('/api/auth/second-factor/enrolment')
        .send({ challengeToken: login.body.challengeToken })
        .then((response) => {
          person.totpSecret = response.body.secret;
        });
      const confirmed = await app.http
        .post('/api/auth/second-factor/enrolment/confirm')
        .send({ challengeToken: login.body.challengeToken, code: await app.totpCode(person.totpSecret!) });
      const [recoveryCode] = confirmed.body.recoveryCodes as string[];

      const once = await app.login(person);
      expect((await app.http.post('/api/auth/second-factor').send({ challengeToken: once.body.challengeToken, recoveryCode })).status).toBe(
        200,
      );
      const twice = await app.login(person);
      expect(
        (await app.http.post('/api/auth/second-factor').send({ challengeToken: twice.body.challengeToken, recoveryCode })).status,
      ).toBe(401);
    });

    it('refuses a session without a second factor once the person holds a role that requires one', async () => {
      const person = await app.person(['member']);
      const tokens = await app.signIn(person);
      await app.get(PersonRepository).update(person.id, { roles: ['member', 'coordinator'] });
      const response = await app.http.get('/api/me').set('Authorization', `Bearer ${tokens.accessToken}`);
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('SECOND_FACTOR_REQUIRED');
    });

    it('does not accept a challenge token as an access token', async () => {
      const login = await app.login(chair);
      const response = await app.http.get('/api/me').set('Authorization', `Bearer ${login.body.challengeToken}`);
      expect(response.status).toBe(401);
    });
  });

  describe('access tokens', () => {
    let person: TestPerson;
    let claims: jwt.JwtPayload;

    beforeAll(async () => {
      person = await app.person(['member']);
      const tokens = await app.signIn(person);
      claims = jwt.decode(tokens.accessToken) as jwt.JwtPayload;
    });

    const call = (token: string) => app.http.get('/api/me').set('Authorization', `Bearer ${token}`);
    /** A token like the genuine one, with whatever the test changes. */
    const sign = (payload: object, secret: string, options: jwt.SignOptions) =>
      jwt.sign(payload, secret, { algorithm: 'HS256', subject: claims.sub, issuer: 'caseroom', audience: 'caseroom-api', ...options });

    it('accepts the genuine token', async () => {
      const genuine = sign({ sid: claims.sid, amr: ['pwd'] }, app.jwtSecret, { expiresIn: 60 });
      expect((await call(genuine)).status).toBe(200);
    });

    it('refuses a token signed with another key', async () => {
      const forged = sign({ sid: claims.sid }, 'another-secret-another-secret-another-secret', { expiresIn: 60 });
      expect((await call(forged)).status).toBe(401);
    });

    it('refuses an unsigned token (alg: none)', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const body = Buffer.from(
        JSON.stringify({ sid: claims.sid, sub: claims.sub, iss: 'caseroom', aud: 'caseroom-api', exp: Math.floor(Date.now() / 1000) + 60 }),
      ).toString('base64url');
      expect((await call(`${header}.${body}.`)).status).toBe(401);
    });

    it('refuses an expired token', async () => {
      const expired = sign({ sid: claims.sid, exp: Math.floor(Date.now() / 1000) - 10 }, app.jwtSecret, {});
      expect((await call(expired)).status).toBe(401);
    });

    it('refuses a token for another audience or issuer', async () => {
      const wrongAudience = sign({ sid: claims.sid }, app.jwtSecret, { audience: 'another-api', expiresIn: 60 });
      const wrongIssuer = sign({ sid: claims.sid }, app.jwtSecret, { issuer: 'someone-else', expiresIn: 60 });
      expect((await call(wrongAudience)).status).toBe(401);
      expect((await call(wrongIssuer)).status).toBe(401);
    });

    it('refuses a token signed with another HMAC algorithm than the pinned one', async () => {
      const otherAlgorithm = sign({ sid: claims.sid }, app.jwtSecret, { algorithm: 'HS512', expiresIn: 60 });
      expect((await call(otherAlgorithm)).status).toBe(401);
    });

    it('refuses a genuine-looking token that never expires', async () => {
      const endless = sign({ sid: claims.sid, amr: ['pwd'] }, app.jwtSecret, {});
      expect((jwt.decode(endless) as jwt.JwtPayload).exp).toBeUndefined();
      expect((await call(endless)).status).toBe(401);
    });

    it('refuses a token whose session id is not a session', async () => {
      const strange = sign({ sid: 'not-a-uuid' }, app.jwtSecret, { expiresIn: 60 });
      expect((await call(strange)).status).toBe(401);
    });
  });

  describe('session revocation by an administrator', () => {
    it('ends every session of the person at once', async () => {
      const admin = await app.person(['administrator']);
      const person = await app.person(['member']);
      const first = await app.signIn(person);
      const second = await app.signIn(person);
      const response = await app.http.post(`/api/users/${person.id}/sessions/revoke`).set('Authorization', await app.bearer(admin));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ revoked: 2 });
      for (const tokens of [first, second]) {
        expect((await app.http.get('/api/me').set('Authorization', `Bearer ${tokens.accessToken}`)).status).toBe(401);
      }
    });

    it('is not something a member can do', async () => {
      const member = await app.person(['member']);
      const other = await app.person(['member']);
      const response = await app.http.post(`/api/users/${other.id}/sessions/revoke`).set('Authorization', await app.bearer(member));
      expect(response.status).toBe(403);
    });
  });

  describe('logs', () => {
    it('never hold a password or token of any of the sign-ins above', () => {
      const logged = app.logs.text;
      expect(logged).not.toMatch(/rt_[A-Za-z0-9_-]{20,}/);
      expect(logged).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
      expect(logged).not.toMatch(/pw-[A-Za-z0-9_-]{10,}/);
      expect(logged.length).toBeGreaterThan(0);
    });
  });
});

describe('rate limits on the sign-in routes', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => app.stop());

  it('answers 429 once the per-minute limit is spent', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      statuses.push((await app.login({ email: 'someone@test.caseroom.test', password: 'x' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
