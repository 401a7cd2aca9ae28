import { ConfigurationError, loadConfig } from './app-config';

const production = {
  DATABASE_URL: 'postgres://caseroom@db:5432/caseroom',
  JWT_SECRET: 'j'.repeat(40),
  DATA_ENCRYPTION_KEY: 'k'.repeat(40),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('starts on the embedded default in demo mode with nothing set', () => {
    const config = loadConfig({});
    expect(config.database.url).toBeNull();
    expect(config.isDemoMode).toBe(true);
    expect(config.redisUrl).toBeNull();
    expect(config.port).toBe(3000);
  });

  it('serves no metrics unless a metrics port is set, and then only on loopback unless told otherwise', () => {
    expect(loadConfig(production).metrics).toEqual({ host: '127.0.0.1', port: null });
    expect(loadConfig({ ...production, METRICS_PORT: '9464' }).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(loadConfig({ ...production, METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }).metrics.host).toBe('0.0.0.0');
  });

  it('keeps every restriction clock configurable, regulations 11B and 11C in force unless switched off', () => {
    expect(loadConfig({}).reviewClocks).toEqual({
      suspensionDays: 28,
      amendedSuspensionDays: 84,
      restrictionDays: 28,
      writtenNoticeWorkingDays: 3,
      isRegulation11BInForce: true,
      regulation11BDecisionWorkingDays: 3,
      isRegulation11CInForce: true,
    });
    const configured = loadConfig({
      REVIEW_AMENDED_SUSPENSION_DAYS: '70',
      WRITTEN_NOTICE_WORKING_DAYS: '5',
      REGULATION_11B_IN_FORCE: 'false',
      REGULATION_11B_DECISION_WORKING_DAYS: '2',
      REGULATION_11C_IN_FORCE: 'no',
    }).reviewClocks;
    expect(configured).toMatchObject({
      amendedSuspensionDays: 70,
      writtenNoticeWorkingDays: 5,
      isRegulation11BInForce: false,
      regulation11BDecisionWorkingDays: 2,
      isRegulation11CInForce: false,
    });
    expect(problemsOf({ WRITTEN_NOTICE_WORKING_DAYS: '0' })).toEqual([expect.stringContaining('WRITTEN_NOTICE_WORKING_DAYS')]);
  });

  it('leaves demo mode off when a database is configured', () => {
    expect(loadConfig(production).isDemoMode).toBe(false);
  });

  it('names a missing secret outside demo mode', () => {
    expect(problemsOf({ DATABASE_URL: production.DATABASE_URL })).toEqual([
      expect.stringContaining('JWT_SECRET is required'),
      expect.stringContaining('DATA_ENCRYPTION_KEY is required'),
    ]);
  });

  it.each([
    ['PORT', 'eighty', 'PORT must be a whole number'],
    ['PORT', '70000', 'PORT must be a whole number'],
    ['DATABASE_URL', 'mysql://x@y/z', 'DATABASE_URL must be a URL'],
    ['REDIS_URL', 'not a url', 'REDIS_URL must be a URL'],
    ['DEMO_MODE', 'perhaps', 'DEMO_MODE must be true or false'],
    ['JWT_SECRET', 'short', 'JWT_SECRET must be at least 32 characters'],
    ['ARGON2_MEMORY_KIB', '1024', 'ARGON2_MEMORY_KIB must be a whole number from 19456'],
    ['CORS_ORIGINS', 'https://ok.example, not-an-origin', 'CORS_ORIGINS must be a comma-separated list'],
    ['METRICS_PORT', '9464x', 'METRICS_PORT must be a whole number'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of'],
    ['NODE_ENV', 'staging', 'NODE_ENV must be development, production or test'],
  ])('stops on a malformed %s with a message that names it', (name, value, message) => {
    const problems = problemsOf({ ...production, [name]: value });
    expect(problems).toEqual([expect.stringContaining(message)]);
  });

  it('never repeats a secret value in its message', () => {
    const secret = 'tiny-but-secret';
    const problems = problemsOf({ ...production, JWT_SECRET: secret });
    expect(problems.join(' ')).not.toContain(secret);
  });

  it('refuses demo mode in production', () => {
    expect(problemsOf({ ...production, NODE_ENV: 'production', DEMO_MODE: 'true' })).toEqual([
      expect.stringContaining('DEMO_MODE must be false'),
    ]);
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ PORT: 'x', REDIS_URL: 'y', LOG_LEVEL: 'z' })).toHaveLength(3);
  });

  describe('single sign-on providers', () => {
    const provider = {
      id: 'eastvale-police',
      label: 'Eastvale Constabulary',
      issuer: 'https://login.example.org/tenant/v2.0',
      clientId: 'caseroom',
    };
    const withProviders = (list: unknown, extra: Record<string, string> = {}) => ({
      ...production,
      PUBLIC_URL: 'https://caseroom.example.org',
      OIDC_PROVIDERS: JSON.stringify(list),
      ...extra,
    });

    it('reads the list, takes each client secret from its own variable, and sends people back to PUBLIC_URL/login/sso', () => {
      const config = loadConfig(withProviders([provider], { OIDC_EASTVALE_POLICE_CLIENT_SECRET: 's3cret' }));
      expect(config.sso.redirectUri).toBe('https://caseroom.example.org/login/sso');
      expect(config.sso.providers).toEqual([
        { ...provider, clientSecret: 's3cret', scopes: ['openid', 'email', 'profile'], mfaAcr: [], mfaAmr: ['mfa'] },
      ]);
      expect(config.stepUpMaxAgeSeconds).toBe(900);
    });

    it('has none by default', () => {
      expect(loadConfig(production).sso.providers).toEqual([]);
    });

    it('needs PUBLIC_URL for the providers to send people back to', () => {
      expect(problemsOf({ ...production, OIDC_PROVIDERS: JSON.stringify([provider]) })).toEqual([
        expect.stringContaining('PUBLIC_URL is required when OIDC_PROVIDERS is set'),
      ]);
    });

    it('refuses a plain-http issuer in production, and a list that is not JSON, naming the variable', () => {
      expect(problemsOf(withProviders([{ ...provider, issuer: 'http://login.example.org' }], { NODE_ENV: 'production' }))).toEqual([
        expect.stringContaining('must use https'),
      ]);
      expect(problemsOf({ ...production, OIDC_PROVIDERS: '[{' })).toEqual([expect.stringContaining('OIDC_PROVIDERS must be a JSON list')]);
      expect(problemsOf(withProviders([provider, provider]))).toEqual([expect.stringContaining('must not name the same id twice')]);
      expect(problemsOf(withProviders([{ ...provider, id: 'Has Spaces' }]))).toEqual([expect.stringContaining('OIDC_PROVIDERS[0.id]')]);
    });
  });
});
