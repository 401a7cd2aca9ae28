import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { DynamicModule } from '@nestjs/common';
import { generate } from 'otplib';
import request from 'supertest';
import type { AgencyKind, Role } from '@caseroom/domain';
import { AgencyRepository, PersonRepository, UnitRepository } from '@caseroom/persistence';
import { createTestDatabase, dropRedisKeys, TestClock, testServices, type TestDatabase } from '@caseroom/testing';
import { createApp, type CaseroomApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { SeedDemoWorld } from '../../src/features/demo/seed-demo-world';
import { PasswordHasher } from '../../src/features/identity/password-hasher';
import { testOrigin } from './test-origin';

export interface TestAppOptions {
  readonly env?: Record<string, string>;
  readonly withRedis?: boolean;
  readonly extraModules?: readonly DynamicModule[];
  readonly allowUndeclaredRoutes?: boolean;
  /** Where the test clock starts (now, by default). */
  readonly clockStart?: Date;
  /** Another instance's database, to run several instances against one database. */
  readonly sharedDatabase?: TestDatabase;
  /** The same secrets as another instance, so that tokens work across instances. */
  readonly sharedSecrets?: { readonly jwtSecret: string; readonly dataKey: string };
  /** Returns before live rooms are served (with Redis they are a second or two later: decision 0033). */
  readonly beforeLiveServing?: boolean;
}

const redisPrefixOf = (dataDir: string) => dataDir.replace(/[^A-Za-z0-9]/g, '').slice(-24);

/** The Origin the live-channel tests connect from. */
export { testOrigin };

export interface TestPerson {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  totpSecret?: string;
}

/** Every line the application logged, for assertions that nothing protected was logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }

  get text(): string {
    return this.lines.join('\n');
  }
}

export class TestApp {
  private sequence = 0;

  private constructor(
    readonly caseroom: CaseroomApp,
    readonly database: TestDatabase,
    readonly clock: TestClock,
    readonly logs: LogCapture,
    readonly jwtSecret: string,
    readonly dataKey: string,
    private readonly ownsDatabase: boolean,
    /** The Redis prefix of this app's keys, when it uses Redis. */
    readonly redisPrefix: string | undefined,
  ) {}

  static async start(options: TestAppOptions = {}): Promise<TestApp> {
    const database = options.sharedDatabase ?? (await createTestDatabase());
    const clock = new TestClock(options.clockStart);
    const logs = new LogCapture();
    const jwtSecret = options.sharedSecrets?.jwtSecret ?? randomBytes(32).toString('base64url');
    const dataKey = options.sharedSecrets?.dataKey ?? randomBytes(32).toString('base64url');
    const config = loadConfig({
      NODE_ENV: 'test',
      DEMO_MODE: 'false',
      PORT: '0',
      JWT_SECRET: jwtSecret,
      DATA_ENCRYPTION_KEY: dataKey,
      CORS_ORIGINS: testOrigin,
      DATA_DIR: database.dataDir,
      LOG_LEVEL: 'info',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
      // Tests run the reminder sweep themselves, against the test clock.
      REMINDER_INTERVAL_SECONDS: '0',
      RETENTION_SWEEP_INTERVAL_SECONDS: '0',
      ...(database.url ? { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '4' } : {}),
      // Instances sharing a database share Redis keys too; other tests never see them.
      ...(options.withRedis && testServices.redisUrl
        ? { REDIS_URL: testServices.redisUrl, REDIS_PREFIX: `test-${redisPrefixOf(database.dataDir)}` }
        : {}),
      ...options.env,
    });
    const caseroom = await createApp(config, {
      clock,
      logDestination: logs,
      extraModules: options.extraModules,
      allowUndeclaredRoutes: options.allowUndeclaredRoutes,
    }).catch(async (error: unknown) => {
      // A start that fails (as some tests expect) still leaves nothing behind: its database and folder go.
      if (!options.sharedDatabase) await database.drop();
      throw error;
    });
    // As `main.ts` is ready only once live rooms are served, so is a test's instance.
    if (!options.beforeLiveServing) await caseroom.untilLiveServing(15_000);
    return new TestApp(
      caseroom,
      database,
      clock,
      logs,
      jwtSecret,
      dataKey,
      !options.sharedDatabase,
      config.redisUrl ? config.redisPrefix : undefined,
    );
  }

  get http() {
    return request(this.caseroom.app.getHttpServer());
  }

  get<T>(type: new (...args: never[]) => T): T {
    return this.caseroom.app.get(type, { strict: false });
  }

  async stop(): Promise<void> {
    await this.caseroom.close();
    if (!this.ownsDatabase) return;
    await this.database.drop();
    // Instances sharing a database share their Redis keys too: the one that owns both clears both.
    if (this.redisPrefix && testServices.redisUrl) await dropRedisKeys(testServices.redisUrl, this.redisPrefix);
  }

  /** Listens on a free port for clients that need a real connection (the live channel); answers its URL. */
  async listen(): Promise<string> {
    await this.caseroom.app.listen(0, '127.0.0.1');
    const { port } = (this.caseroom.app.getHttpServer() as import('node:http').Server).address() as import('node:net').AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Creates an agency straight through the repository (test set-up, not the behaviour under test). */
  async agency(kind: AgencyKind = 'other'): Promise<string> {
    this.sequence += 1;
    const agency = await this.get(AgencyRepository).create({
      name: `Agency ${this.sequence}`,
      kind,
      code: `T${this.sequence}${randomBytes(2).toString('hex').toUpperCase()}`,
    });
    return agency.id;
  }

  async unit(agencyId: string, parentId: string | null = null): Promise<string> {
    this.sequence += 1;
    return (await this.get(UnitRepository).create({ agencyId, parentId, name: `Unit ${this.sequence}`, kind: 'team' })).id;
  }

  async person(
    roles: readonly Role[],
    setup: { agencyId?: string; unitId?: string | null; name?: string; lineManagerId?: string | null } = {},
  ): Promise<TestPerson> {
    this.sequence += 1;
    const password = `pw-${randomBytes(12).toString('base64url')}`;
    const email = `person${this.sequence}-${randomBytes(3).toString('hex')}@test.caseroom.test`;
    const person = await this.get(PersonRepository).create({
      name: setup.name ?? `Person ${this.sequence}`,
      email,
      agencyId: setup.agencyId ?? (await this.agency()),
      unitId: setup.unitId ?? null,
      roles,
      staffNumber: null,
      rank: null,
      lineManagerId: setup.lineManagerId ?? null,
      passwordHash: await this.get(PasswordHasher).hash(password),
    });
    return { id: person.id, email, password };
  }

  login(person: Pick<TestPerson, 'email' | 'password'>) {
    return this.http.post('/api/auth/login').send({ email: person.email, password: person.password });
  }

  /** A TOTP code for the test clock's current time. */
  async totpCode(secret: string): Promise<string> {
    return generate({ secret, epoch: Math.floor(this.clock.now().getTime() / 1000) });
  }

  /** Signs in through every step the account needs (enrolling an authenticator the first time). */
  async signIn(person: TestPerson): Promise<{ accessToken: string; refreshToken: string }> {
    const login = await this.login(person);
    if (login.status !== 200) throw new Error(`login failed with ${login.status}: ${JSON.stringify(login.body)}`);
    const body = login.body as { status: string; challengeToken?: string; tokens?: { accessToken: string; refreshToken: string } };
    if (body.status === 'authenticated') return body.tokens!;
    if (body.status === 'second_factor_enrolment_required') {
      const start = await this.http.post('/api/auth/second-factor/enrolment').send({ challengeToken: body.challengeToken });
      person.totpSecret = (start.body as { secret: string }).secret;
      const confirm = await this.http
        .post('/api/auth/second-factor/enrolment/confirm')
        .send({ challengeToken: body.challengeToken, code: await this.totpCode(person.totpSecret) });
      if (confirm.status !== 200) throw new Error(`enrolment failed: ${JSON.stringify(confirm.body)}`);
      return (confirm.body as { tokens: { accessToken: string; refreshToken: string } }).tokens;
    }
    // Each code works once: move to the next time step before using the authenticator again.
    this.clock.advance(30_000);
    const verify = await this.http
      .post('/api/auth/second-factor')
      .send({ challengeToken: body.challengeToken, code: await this.totpCode(person.totpSecret!) });
    if (verify.status !== 200) throw new Error(`second factor failed: ${JSON.stringify(verify.body)}`);
    return (verify.body as { tokens: { accessToken: string; refreshToken: string } }).tokens;
  }

  /**
   * Seeds the demo world (and its case; with its conference, as `npm start` does, when asked) and answers
   * its people by their demo key (admin, chair, ...).
   */
  async seedDemoWorld(options: { readonly withConference?: boolean } = {}): Promise<Map<string, TestPerson>> {
    const logins = await this.get(SeedDemoWorld).ensureSeeded(options);
    const people = await this.get(PersonRepository).listAll();
    return new Map(
      logins.map((login) => [
        login.email.split('@')[0],
        { id: people.find((person) => person.email === login.email)!.id, email: login.email, password: login.password },
      ]),
    );
  }

  /**
   * Proves the person's second factor again in the session of `accessToken` (step-up, decision 0029),
   * setting up an authenticator first when they have none.
   */
  async stepUp(person: TestPerson, accessToken: string): Promise<void> {
    const bearer = `Bearer ${accessToken}`;
    if (!person.totpSecret) {
      const start = await this.http.post('/api/me/second-factor/enrolment').set('Authorization', bearer);
      person.totpSecret = (start.body as { secret: string }).secret;
      const confirm = await this.http
        .post('/api/me/second-factor/enrolment/confirm')
        .set('Authorization', bearer)
        .send({ code: await this.totpCode(person.totpSecret) });
      if (confirm.status !== 200) throw new Error(`enrolment failed: ${JSON.stringify(confirm.body)}`);
    }
    // Each code works once: move to the next time step before using the authenticator again.
    this.clock.advance(30_000);
    const stepped = await this.http
      .post('/api/me/step-up')
      .set('Authorization', bearer)
      .send({ code: await this.totpCode(person.totpSecret) });
    if (stepped.status !== 204) throw new Error(`step-up failed: ${JSON.stringify(stepped.body)}`);
  }

  async bearer(person: TestPerson): Promise<string> {
    return `Bearer ${(await this.signIn(person)).accessToken}`;
  }
}
