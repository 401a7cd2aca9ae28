import { DataSource } from 'typeorm';
import type { CaseView } from '@caseroom/contracts';
import { OidcTestProvider } from '@caseroom/testing';
import { TestApp, type TestPerson } from './support/test-app';

const publicUrl = 'http://127.0.0.1:4173';
const redirectUri = `${publicUrl}/login/sso`;
const client = { clientId: 'caseroom', clientSecret: 'test-client-secret-not-a-real-one' };

describe('single sign-on through an OpenID Connect provider', () => {
  let provider: OidcTestProvider;
  let app: TestApp;
  let sequence = 0;
  /** The demo world (seeded first: it is seeded only into an empty database), for the acts that ask for step-up. */
  let people: Map<string, TestPerson>;

  beforeAll(async () => {
    provider = await OidcTestProvider.start({ ...client, redirectUri });
    app = await TestApp.start({
      env: {
        PUBLIC_URL: publicUrl,
        OIDC_PROVIDERS: JSON.stringify([{ id: 'test-force', label: 'Test Force', issuer: provider.issuer, clientId: client.clientId }]),
        OIDC_TEST_FORCE_CLIENT_SECRET: client.clientSecret,
      },
    });
    people = await app.seedDemoWorld();
  });
  afterAll(async () => {
    await app?.stop();
    await provider?.stop();
  });

  /** Someone at the provider whose e-mail address is the given one (by default one Caseroom does not know). */
  const identity = (email = `someone-${(sequence += 1)}@force.example`) =>
    provider.addIdentity({ subject: `subject-${sequence}-${Date.now()}`, email, name: `Officer ${sequence}` });

  const cookieOf = (response: { headers: Record<string, unknown> }): string => {
    const setCookie = response.headers['set-cookie'] as string[] | undefined;
    const cookie = setCookie?.find((value) => value.startsWith('caseroom_sso='));
    if (!cookie) throw new Error('no transaction cookie was set');
    return cookie.split(';')[0];
  };

  /** Starts signing in (or linking, with a bearer) and answers the provider's URL and the browser's cookie. */
  const start = async (bearer?: string, path = '/api/auth/sso/test-force/start') => {
    const request = app.http.post(path);
    const response = await (bearer ? request.set('Authorization', bearer) : request);
    expect(response.status).toBe(200);
    return { authorizationUrl: response.body.authorizationUrl as string, cookie: cookieOf(response) };
  };

  const callback = (cookie: string | null, query: string) => {
    const request = app.http.post('/api/auth/sso/callback');
    return (cookie ? request.set('Cookie', cookie) : request).send({ callback: query });
  };

  /** Links `subject` to the person's account the way the account screen does, with a fresh second factor. */
  const link = async (bearer: string, subject: string) => {
    const { authorizationUrl, cookie } = await start(bearer, '/api/me/sso/test-force/link');
    const linked = await callback(cookie, await provider.signIn(authorizationUrl, subject, { secondFactor: true }));
    expect(linked.status).toBe(200);
    expect(linked.body).toEqual({ status: 'linked', providerId: 'test-force' });
  };

  it('lists the configured providers for the sign-in screen, without their secrets', async () => {
    const response = await app.http.get('/api/auth/sso/providers');
    expect(response.status).toBe(200);
    expect(response.body).toEqual([{ id: 'test-force', label: 'Test Force' }]);
    expect(JSON.stringify(response.body)).not.toContain(client.clientSecret);
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce, bound by an httpOnly cookie', async () => {
    const response = await app.http.post('/api/auth/sso/test-force/start');
    const url = new URL(response.body.authorizationUrl as string);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe(redirectUri);
    const cookie = (response.headers['set-cookie'] as unknown as string[]).find((value) => value.startsWith('caseroom_sso='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    // The PKCE verifier travels sealed: the cookie does not carry it in the clear.
    expect(cookie).not.toContain(url.searchParams.get('state')!);
  });

  it('refuses an organisational account that is not linked, even when its e-mail address is a Caseroom account’s', async () => {
    const person = await app.person(['member']);
    const sameEmail = identity(person.email);
    const { authorizationUrl, cookie } = await start();
    const response = await callback(cookie, await provider.signIn(authorizationUrl, sameEmail.subject, { secondFactor: true }));
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('SSO_ACCOUNT_NOT_LINKED');
    expect(response.body.error.message).toMatch(/link it from Your account/);
    expect(response.body.tokens).toBeUndefined();
  });

  describe('once a person has linked their organisational account', () => {
    let chair: TestPerson;
    let officer: { subject: string };

    beforeAll(async () => {
      chair = await app.person(['chair']);
      officer = identity();
      await link(await app.bearer(chair), officer.subject);
    });

    it('shows the link on the account screen, and stores issuer and subject', async () => {
      const links = await app.http.get('/api/me/sso').set('Authorization', await app.bearer(chair));
      expect(links.body).toEqual([{ providerId: 'test-force', label: 'Test Force', linkedAt: expect.any(String) }]);
      const rows = await app.get(DataSource).query(`SELECT issuer, subject FROM external_identities WHERE user_id = $1`, [chair.id]);
      expect(rows).toEqual([{ issuer: provider.issuer, subject: officer.subject }]);
    });

    it('signs the person in through the provider, counting the second factor the provider saw', async () => {
      const { authorizationUrl, cookie } = await start();
      const response = await callback(cookie, await provider.signIn(authorizationUrl, officer.subject, { secondFactor: true }));
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('authenticated');
      const me = await app.http.get('/api/me').set('Authorization', `Bearer ${response.body.tokens.accessToken}`);
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(chair.id);
      const [session] = await app
        .get(DataSource)
        .query(`SELECT second_factor, second_factor_at FROM sessions WHERE id = $1`, [me.body.sessionId]);
      expect(session.second_factor).toBe('oidc');
      expect(session.second_factor_at).not.toBeNull();
    });

    it('asks for Caseroom’s own second factor when the provider saw none', async () => {
      const { authorizationUrl, cookie } = await start();
      const response = await callback(cookie, await provider.signIn(authorizationUrl, officer.subject, { secondFactor: false }));
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('second_factor_required');
      expect(response.body.tokens).toBeUndefined();
    });

    it('refuses a replayed callback: the same code and state a second time', async () => {
      const { authorizationUrl, cookie } = await start();
      const query = await provider.signIn(authorizationUrl, officer.subject, { secondFactor: true });
      expect((await callback(cookie, query)).status).toBe(200);
      const replayed = await callback(cookie, query);
      expect(replayed.status).toBe(401);
      expect(replayed.body.error.code).toBe('SSO_CALLBACK_INVALID');
    });

    it('refuses a callback from a browser that did not start the sign-in (no cookie)', async () => {
      const { authorizationUrl } = await start();
      const query = await provider.signIn(authorizationUrl, officer.subject, { secondFactor: true });
      const response = await callback(null, query);
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('SSO_CALLBACK_INVALID');
    });

    it('refuses a callback whose state is not the one this browser was given', async () => {
      const { authorizationUrl, cookie } = await start();
      const query = new URLSearchParams(await provider.signIn(authorizationUrl, officer.subject, { secondFactor: true }));
      query.set('state', 'someone-elses-state');
      const response = await callback(cookie, `?${query.toString()}`);
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('SSO_CALLBACK_INVALID');
    });

    it('refuses an answer that names another issuer than the configured provider (RFC 9207)', async () => {
      const { authorizationUrl, cookie } = await start();
      const query = new URLSearchParams(await provider.signIn(authorizationUrl, officer.subject, { secondFactor: true }));
      expect(query.get('iss')).toBe(provider.issuer);
      query.set('iss', 'https://impostor.example');
      const response = await callback(cookie, `?${query.toString()}`);
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('SSO_CALLBACK_INVALID');
    });

    it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
      const { authorizationUrl, cookie } = await start();
      const tampered = new URL(authorizationUrl);
      tampered.searchParams.set('nonce', 'a-nonce-from-another-sign-in');
      const response = await callback(cookie, await provider.signIn(tampered.toString(), officer.subject, { secondFactor: true }));
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('SSO_CALLBACK_INVALID');
    });

    it('refuses a code the provider issued through a sign-in started by another browser (PKCE)', async () => {
      const theirs = await start();
      const mine = await start();
      // Their code and state, with my cookie: the state does not match mine.
      const query = await provider.signIn(theirs.authorizationUrl, officer.subject, { secondFactor: true });
      expect((await callback(mine.cookie, query)).status).toBe(401);
    });

    it('refuses to link an organisational account that is already linked to someone else', async () => {
      const other = await app.person(['chair']);
      const { authorizationUrl, cookie } = await start(await app.bearer(other), '/api/me/sso/test-force/link');
      const response = await callback(cookie, await provider.signIn(authorizationUrl, officer.subject, { secondFactor: true }));
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('CONFLICT');
    });
  });

  describe('step-up', () => {
    it('asks for a recent second factor before linking, and accepts a code from the authenticator', async () => {
      const member = await app.person(['member']);
      const bearer = await app.bearer(member);
      const refused = await app.http.post('/api/me/sso/test-force/link').set('Authorization', bearer);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('STEP_UP_REQUIRED');

      // No authenticator yet: step-up says to set one up.
      const noAuthenticator = await app.http.post('/api/me/step-up').set('Authorization', bearer).send({ code: '123456' });
      expect(noAuthenticator.status).toBe(403);
      expect(noAuthenticator.body.error.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');

      const enrolment = await app.http.post('/api/me/second-factor/enrolment').set('Authorization', bearer);
      const secret = enrolment.body.secret as string;
      const confirmed = await app.http
        .post('/api/me/second-factor/enrolment/confirm')
        .set('Authorization', bearer)
        .send({ code: await app.totpCode(secret) });
      expect(confirmed.status).toBe(200);

      // A wrong code leaves the session as it was (403, not the 401 of a session that has ended).
      const wrong = await app.http.post('/api/me/step-up').set('Authorization', bearer).send({ code: '000000' });
      expect(wrong.status).toBe(403);
      expect(wrong.body.error.code).toBe('STEP_UP_REQUIRED');
      expect((await app.http.get('/api/me').set('Authorization', bearer)).status).toBe(200);
      app.clock.advance(30_000);
      const stepped = await app.http
        .post('/api/me/step-up')
        .set('Authorization', bearer)
        .send({ code: await app.totpCode(secret) });
      expect(stepped.status).toBe(204);
      expect((await app.http.post('/api/me/sso/test-force/link').set('Authorization', bearer)).status).toBe(200);
    });

    it('lets the provider prove the second factor again for a session that has grown stale', async () => {
      const chair = await app.person(['chair']);
      const bearer = await app.bearer(chair);
      const officer = identity();
      await link(bearer, officer.subject);
      app.clock.advance(16 * 60_000);
      expect((await app.http.post('/api/me/sso/test-force/link').set('Authorization', bearer)).body.error.code).toBe('STEP_UP_REQUIRED');

      const { authorizationUrl, cookie } = await start(bearer, '/api/me/sso/test-force/step-up');
      expect(new URL(authorizationUrl).searchParams.get('max_age')).toBe('900');
      // Without a second factor at the provider, stepping up there does not count.
      const withoutMfa = await callback(cookie, await provider.signIn(authorizationUrl, officer.subject, { secondFactor: false }));
      expect(withoutMfa.body.error.code).toBe('STEP_UP_REQUIRED');

      const again = await start(bearer, '/api/me/sso/test-force/step-up');
      const stepped = await callback(again.cookie, await provider.signIn(again.authorizationUrl, officer.subject, { secondFactor: true }));
      expect(stepped.body).toEqual({ status: 'stepped_up', providerId: 'test-force' });
    });

    describe('on the acts that ask for it', () => {
      let caseId: string;
      const missing = '00000000-0000-4000-8000-000000000000';

      beforeAll(async () => {
        caseId = (await app.http.get('/api/cases').set('Authorization', await app.bearer(people.get('chair')!))).body[0].id as string;
      });

      it('reads the victim compartment over REST only with a second factor proven in the last 15 minutes', async () => {
        const chair = people.get('chair')!;
        const bearer = await app.bearer(chair);
        const victim = `/api/cases/${caseId}/compartments/victim`;
        expect((await app.http.get(victim).set('Authorization', bearer)).status).toBe(200);

        app.clock.advance(16 * 60_000);
        const stale = await app.http.get(victim).set('Authorization', bearer);
        expect(stale.status).toBe(403);
        expect(stale.body.error.code).toBe('STEP_UP_REQUIRED');
        expect(JSON.stringify(stale.body)).not.toMatch(/pseudonym|fields/);
        // The other compartments do not ask for it.
        expect((await app.http.get(`/api/cases/${caseId}/compartments/panel`).set('Authorization', bearer)).status).toBe(200);
        // It is asked for after the policy: someone it does not admit is refused as before (and traced), not asked for a code.
        const psd = await app.bearer(people.get('psd')!);
        app.clock.advance(16 * 60_000);
        const refused = await app.http.get(victim).set('Authorization', psd);
        expect([refused.status, refused.body.error.code]).toEqual([404, 'NOT_FOUND']);

        app.clock.advance(30_000);
        const stepped = await app.http
          .post('/api/me/step-up')
          .set('Authorization', bearer)
          .send({ code: await app.totpCode(chair.totpSecret!) });
        expect(stepped.status).toBe(204);
        expect((await app.http.get(victim).set('Authorization', bearer)).status).toBe(200);
      });

      it('withholds the victim compartment from the whole case while the second factor is stale, but not in a live conference on it', async () => {
        const chair = people.get('chair')!;
        const bearer = await app.bearer(chair);
        const whole = async () => (await app.http.get(`/api/cases/${caseId}`).set('Authorization', bearer)).body as CaseView;
        const fresh = await whole();
        expect(fresh.compartments.victim).toBeDefined();
        expect(fresh.withheldUntilStepUp).toBeUndefined();

        app.clock.advance(16 * 60_000);
        const stale = await whole();
        expect(stale.admitted).toContain('victim');
        expect(stale.compartments.victim).toBeUndefined();
        expect(stale.withheldUntilStepUp).toEqual(['victim']);
        expect(stale.compartments.panel).toBeDefined();

        // In an open conference listing the case, the live room's own gate decides: no step-up is asked. (Set-up:
        // a conference the chair chairs, with the case on its agenda, opened directly.)
        const coordinator = await app.bearer(people.get('coordinator')!);
        const scheduled = await app.http
          .post('/api/conferences')
          .set('Authorization', coordinator)
          .send({ title: 'Step-up MARAC', scheduledAt: '2026-12-20T10:00:00Z', chairId: chair.id, invitedAgencyIds: [] });
        expect(scheduled.status).toBe(201);
        const conferenceId = scheduled.body.id as string;
        expect(
          (await app.http.post(`/api/conferences/${conferenceId}/agenda`).set('Authorization', coordinator).send({ caseId })).status,
        ).toBe(201);
        const database = app.get(DataSource);
        await database.query(`UPDATE conferences SET status = 'open' WHERE id = $1`, [conferenceId]);
        try {
          expect((await whole()).compartments.victim).toBeDefined();
        } finally {
          await database.query(`UPDATE conferences SET status = 'scheduled' WHERE id = $1`, [conferenceId]);
        }
        expect((await whole()).withheldUntilStepUp).toEqual(['victim']);

        app.clock.advance(30_000);
        await app.http
          .post('/api/me/step-up')
          .set('Authorization', bearer)
          .send({ code: await app.totpCode(chair.totpSecret!) });
        expect((await whole()).compartments.victim).toBeDefined();
      });

      it('asks for it to apply, lift or approve a restriction and to approve minutes, before anything else is looked at', async () => {
        const psd = await app.bearer(people.get('psd')!);
        const chair = await app.bearer(people.get('chair')!);
        const acts = [
          { bearer: psd, path: `/api/restrictions/${missing}/apply` },
          { bearer: psd, path: `/api/restrictions/${missing}/lift` },
          { bearer: psd, path: `/api/restrictions/${missing}/approve` },
          { bearer: chair, path: `/api/conferences/${missing}/minutes/approve` },
        ];
        // Fresh: the request goes on to be checked (and refused for its own reasons).
        for (const { bearer, path } of acts) {
          const fresh = await app.http.post(path).set('Authorization', bearer).send({});
          expect([path, fresh.body.error?.code]).not.toEqual([path, 'STEP_UP_REQUIRED']);
        }
        app.clock.advance(16 * 60_000);
        for (const { bearer, path } of acts) {
          const stale = await app.http.post(path).set('Authorization', bearer).send({});
          expect([path, stale.status, stale.body.error.code]).toEqual([path, 403, 'STEP_UP_REQUIRED']);
        }
      });
    });
  });
});
