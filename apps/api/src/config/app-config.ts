import { z } from 'zod';
import type { RetentionPeriods, ReviewClocks } from '@caseroom/domain';

const integer = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, context) => {
      if (raw === undefined || raw.trim() === '') return fallback;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < min || value > max) {
        context.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return value;
    });

const flag = (name: string) =>
  z
    .string()
    .optional()
    .transform((raw, context) => {
      if (raw === undefined || raw.trim() === '') return undefined;
      const value = raw.trim().toLowerCase();
      if (['true', '1', 'yes'].includes(value)) return true;
      if (['false', '0', 'no'].includes(value)) return false;
      context.addIssue({ code: 'custom', message: `${name} must be true or false` });
      return z.NEVER;
    });

const url = (name: string, protocols: readonly string[]) =>
  z
    .string()
    .optional()
    .transform((raw, context) => {
      if (raw === undefined || raw.trim() === '') return null;
      try {
        const parsed = new URL(raw);
        if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
        return raw.trim();
      } catch {
        context.addIssue({ code: 'custom', message: `${name} must be a URL starting with ${protocols.join(' or ')}//` });
        return z.NEVER;
      }
    });

const secret = (name: string, minLength: number) =>
  z
    .string()
    .optional()
    .transform((raw, context) => {
      if (raw === undefined || raw === '') return null;
      if (raw.length < minLength) {
        context.addIssue({ code: 'custom', message: `${name} must be at least ${minLength} characters` });
        return z.NEVER;
      }
      return raw;
    });

function isOrigin(candidate: string): boolean {
  try {
    const parsed = new URL(candidate);
    return ['http:', 'https:'].includes(parsed.protocol) && parsed.origin === candidate;
  } catch {
    return false;
  }
}

const origins = z
  .string()
  .optional()
  .transform((raw, context) => {
    if (raw === undefined || raw.trim() === '') return null;
    const list = raw
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (!list.every(isOrigin)) {
      context.addIssue({
        code: 'custom',
        message: 'CORS_ORIGINS must be a comma-separated list of origins such as https://caseroom.example.org',
      });
      return z.NEVER;
    }
    return list;
  });

const providerId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'id must be 1-32 lower-case letters, digits or dashes, starting with a letter');
const oidcProvider = z.strictObject({
  id: providerId,
  label: z.string().trim().min(1, 'label must not be empty').max(80, 'label must be at most 80 characters'),
  issuer: z.url({ protocol: /^https?$/, message: 'issuer must be an http(s) URL' }),
  clientId: z.string().min(1, 'clientId must not be empty').max(512),
  scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'scopes must be scope tokens')).default(['openid', 'email', 'profile']),
  /** `acr` values that prove a second factor at this provider (asked for when stepping up). */
  mfaAcr: z.array(z.string().min(1)).default([]),
  /** `amr` values that prove a second factor at this provider (RFC 8176). */
  mfaAmr: z.array(z.string().min(1)).default(['mfa']),
});

/** OIDC_PROVIDERS: a JSON list of identity providers; each client secret comes from OIDC_<ID>_CLIENT_SECRET, never from the list. */
const oidcProviders = z
  .string()
  .optional()
  .transform((raw, context) => {
    if (raw === undefined || raw.trim() === '') return [];
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      context.addIssue({ code: 'custom', message: 'OIDC_PROVIDERS must be a JSON list of providers' });
      return z.NEVER;
    }
    const parsed = z.array(oidcProvider).safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        context.addIssue({ code: 'custom', message: `OIDC_PROVIDERS[${issue.path.join('.')}]: ${issue.message}` });
      }
      return z.NEVER;
    }
    if (new Set(parsed.data.map((provider) => provider.id)).size !== parsed.data.length) {
      context.addIssue({ code: 'custom', message: 'OIDC_PROVIDERS must not name the same id twice' });
      return z.NEVER;
    }
    return parsed.data;
  });

const environment = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { message: 'NODE_ENV must be development, production or test' })
    .default('development'),
  HOST: z.string().trim().min(1, 'HOST must not be empty').default('127.0.0.1'),
  PORT: integer('PORT', 0, 65535, 3000),
  PUBLIC_URL: url('PUBLIC_URL', ['http:', 'https:']),
  DATABASE_URL: url('DATABASE_URL', ['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: integer('DATABASE_POOL_SIZE', 1, 200, 10),
  DATA_DIR: z.string().trim().min(1, 'DATA_DIR must not be empty').default('.caseroom'),
  WEB_DIR: z.string().trim().min(1, 'WEB_DIR must not be empty').default('dist/web'),
  REDIS_URL: url('REDIS_URL', ['redis:', 'rediss:']),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'REDIS_PREFIX must be 1-64 letters, digits, colons, dashes or underscores')
    .default('caseroom'),
  DEMO_MODE: flag('DEMO_MODE'),
  JWT_SECRET: secret('JWT_SECRET', 32),
  DATA_ENCRYPTION_KEY: secret('DATA_ENCRYPTION_KEY', 32),
  JWT_ISSUER: z.string().trim().min(1, 'JWT_ISSUER must not be empty').default('caseroom'),
  JWT_AUDIENCE: z.string().trim().min(1, 'JWT_AUDIENCE must not be empty').default('caseroom-api'),
  ACCESS_TOKEN_TTL_SECONDS: integer('ACCESS_TOKEN_TTL_SECONDS', 30, 3600, 600),
  REFRESH_TOKEN_TTL_SECONDS: integer('REFRESH_TOKEN_TTL_SECONDS', 300, 7 * 24 * 3600, 8 * 3600),
  SESSION_MAX_SECONDS: integer('SESSION_MAX_SECONDS', 600, 7 * 24 * 3600, 12 * 3600),
  AUTH_RATE_LIMIT_PER_MINUTE: integer('AUTH_RATE_LIMIT_PER_MINUTE', 1, 100000, 20),
  ARGON2_MEMORY_KIB: integer('ARGON2_MEMORY_KIB', 19456, 4194304, 19456),
  ARGON2_TIME_COST: integer('ARGON2_TIME_COST', 2, 100, 2),
  BODY_LIMIT_KB: integer('BODY_LIMIT_KB', 1, 10240, 100),
  CORS_ORIGINS: origins,
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((raw, context) => {
      if (raw === undefined || raw.trim() === '' || raw === 'false') return false;
      if (/^\d+$/.test(raw)) return Number(raw);
      if (['loopback', 'linklocal', 'uniquelocal'].includes(raw)) return raw;
      context.addIssue({ code: 'custom', message: 'TRUST_PROXY must be false, a number of proxy hops, or loopback' });
      return z.NEVER;
    }),
  REVIEW_SUSPENSION_DAYS: integer('REVIEW_SUSPENSION_DAYS', 1, 366, 28),
  REVIEW_AMENDED_SUSPENSION_DAYS: integer('REVIEW_AMENDED_SUSPENSION_DAYS', 1, 366, 84),
  REVIEW_RESTRICTION_DAYS: integer('REVIEW_RESTRICTION_DAYS', 1, 366, 28),
  WRITTEN_NOTICE_WORKING_DAYS: integer('WRITTEN_NOTICE_WORKING_DAYS', 1, 30, 3),
  REGULATION_11B_IN_FORCE: flag('REGULATION_11B_IN_FORCE'),
  REGULATION_11B_DECISION_WORKING_DAYS: integer('REGULATION_11B_DECISION_WORKING_DAYS', 1, 30, 3),
  REGULATION_11C_IN_FORCE: flag('REGULATION_11C_IN_FORCE'),
  LIVE_EVENTS_PER_SECOND: integer('LIVE_EVENTS_PER_SECOND', 1, 10000, 20),
  LIVE_NOTES_EVENTS_PER_SECOND: integer('LIVE_NOTES_EVENTS_PER_SECOND', 1, 100000, 120),
  REMINDER_LEAD_DAYS: integer('REMINDER_LEAD_DAYS', 0, 60, 3),
  REMINDER_INTERVAL_SECONDS: integer('REMINDER_INTERVAL_SECONDS', 0, 86400, 300),
  METRICS_HOST: z.string().trim().min(1, 'METRICS_HOST must not be empty').default('127.0.0.1'),
  METRICS_PORT: z
    .string()
    .optional()
    .transform((raw, context) => {
      if (raw === undefined || raw.trim() === '') return null;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < 0 || value > 65535) {
        context.addIssue({ code: 'custom', message: 'METRICS_PORT must be a whole number from 0 to 65535' });
        return z.NEVER;
      }
      return value;
    }),
  OIDC_PROVIDERS: oidcProviders,
  STEP_UP_MAX_AGE_SECONDS: integer('STEP_UP_MAX_AGE_SECONDS', 60, 3600, 900),
  // Each force's information governance team sets these (decision 0031); the floor of a year is the database's too.
  RETENTION_CASE_CONTENT_DAYS: integer('RETENTION_CASE_CONTENT_DAYS', 365, 36525, 2192),
  RETENTION_NOTES_DAYS: integer('RETENTION_NOTES_DAYS', 365, 36525, 2192),
  RETENTION_MINUTES_DAYS: integer('RETENTION_MINUTES_DAYS', 365, 36525, 2192),
  RETENTION_ACCESS_LOG_DAYS: integer('RETENTION_ACCESS_LOG_DAYS', 365, 36525, 2922),
  RETENTION_SWEEP_INTERVAL_SECONDS: integer('RETENTION_SWEEP_INTERVAL_SECONDS', 0, 7 * 86400, 3600),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

export interface OidcProviderConfig {
  readonly id: string;
  /** Shown on the sign-in screen as "Sign in with <label>". */
  readonly label: string;
  readonly issuer: string;
  readonly clientId: string;
  /** From OIDC_<ID>_CLIENT_SECRET; null for a public client (PKCE only). */
  readonly clientSecret: string | null;
  readonly scopes: readonly string[];
  readonly mfaAcr: readonly string[];
  readonly mfaAmr: readonly string[];
}

export interface AppConfig {
  readonly environment: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string | null;
  readonly database: { readonly url: string | null; readonly poolSize: number };
  readonly dataDir: string;
  /** The built browser client, served from the same origin when it is there (`npm run build` writes it). */
  readonly webDir: string;
  readonly redisUrl: string | null;
  /** Prefix of every Redis key and stream, so that deployments can share a Redis without mixing. */
  readonly redisPrefix: string;
  readonly isDemoMode: boolean;
  readonly secrets: { readonly jwtSecret: string | null; readonly dataEncryptionKey: string | null };
  readonly tokens: {
    readonly issuer: string;
    readonly audience: string;
    readonly accessTtlSeconds: number;
    readonly refreshTtlSeconds: number;
    readonly sessionMaxSeconds: number;
  };
  readonly authRateLimitPerMinute: number;
  readonly argon2: { readonly memoryKib: number; readonly timeCost: number };
  readonly bodyLimitBytes: number;
  readonly corsOrigins: readonly string[] | null;
  readonly trustProxy: boolean | number | string;
  readonly logLevel: string;
  /**
   * Clocks of duty restrictions (DOMAIN.md: suspension reviewed every 4 weeks; under regulation 11B decided
   * within 3 working days and reviewed every 12; the written notice within 3 working days of an oral one),
   * and whether regulations 11B and 11C are in force.
   */
  readonly reviewClocks: ReviewClocks;
  /** Live events a person may send a second, with bursts of twice that: other events, and the notes events (every keystroke). */
  readonly liveRates: { readonly eventsPerSecond: number; readonly notesEventsPerSecond: number };
  /** How far ahead reminders warn, and how often the sweep runs (0: never on its own, as in tests). */
  readonly reminders: { readonly leadDays: number; readonly intervalSeconds: number };
  /**
   * The Prometheus endpoint's own listener, apart from the public port (null: none). It answers anyone
   * who reaches it, so it binds to loopback unless told otherwise.
   */
  readonly metrics: { readonly host: string; readonly port: number | null };
  /** Single sign-on (decision 0029): the identity providers, and where they send the browser back to. */
  readonly sso: { readonly providers: readonly OidcProviderConfig[]; readonly redirectUri: string | null };
  /** How recently a second factor must have been proven for the acts that ask for it again (decision 0029). */
  readonly stepUpMaxAgeSeconds: number;
  /** Days each kind of a closed case's records is kept, and how often the erasure sweep runs (0: never on its own). */
  readonly retention: { readonly periods: RetentionPeriods; readonly intervalSeconds: number };
}

export class ConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Caseroom cannot start: the configuration is not valid.\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/** Parses the environment once. The message names each variable that is wrong; it never echoes a value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    throw new ConfigurationError(parsed.error.issues.map((issue) => issue.message));
  }
  const values = parsed.data;
  const isDemoMode = values.DEMO_MODE ?? values.DATABASE_URL === null;
  const problems: string[] = [];
  if (!isDemoMode && values.JWT_SECRET === null) problems.push('JWT_SECRET is required outside demo mode (at least 32 characters)');
  if (!isDemoMode && values.DATA_ENCRYPTION_KEY === null)
    problems.push('DATA_ENCRYPTION_KEY is required outside demo mode (at least 32 characters)');
  if (values.NODE_ENV === 'production' && isDemoMode) problems.push('DEMO_MODE must be false when NODE_ENV is production');
  const providers = values.OIDC_PROVIDERS.map((provider) => ({
    ...provider,
    clientSecret: env[`OIDC_${provider.id.toUpperCase().replaceAll('-', '_')}_CLIENT_SECRET`] || null,
  }));
  if (providers.length > 0 && values.PUBLIC_URL === null)
    problems.push('PUBLIC_URL is required when OIDC_PROVIDERS is set: identity providers send people back to it');
  if (values.NODE_ENV === 'production' && providers.some((provider) => !provider.issuer.startsWith('https:')))
    problems.push('OIDC_PROVIDERS issuers must use https when NODE_ENV is production');
  if (problems.length > 0) throw new ConfigurationError(problems);

  return {
    environment: values.NODE_ENV,
    host: values.HOST,
    port: values.PORT,
    publicUrl: values.PUBLIC_URL,
    database: { url: values.DATABASE_URL, poolSize: values.DATABASE_POOL_SIZE },
    dataDir: values.DATA_DIR,
    webDir: values.WEB_DIR,
    redisUrl: values.REDIS_URL,
    redisPrefix: values.REDIS_PREFIX,
    isDemoMode,
    secrets: { jwtSecret: values.JWT_SECRET, dataEncryptionKey: values.DATA_ENCRYPTION_KEY },
    tokens: {
      issuer: values.JWT_ISSUER,
      audience: values.JWT_AUDIENCE,
      accessTtlSeconds: values.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlSeconds: values.REFRESH_TOKEN_TTL_SECONDS,
      sessionMaxSeconds: values.SESSION_MAX_SECONDS,
    },
    authRateLimitPerMinute: values.AUTH_RATE_LIMIT_PER_MINUTE,
    argon2: { memoryKib: values.ARGON2_MEMORY_KIB, timeCost: values.ARGON2_TIME_COST },
    bodyLimitBytes: values.BODY_LIMIT_KB * 1024,
    corsOrigins: values.CORS_ORIGINS,
    trustProxy: values.TRUST_PROXY,
    logLevel: values.LOG_LEVEL,
    reviewClocks: {
      suspensionDays: values.REVIEW_SUSPENSION_DAYS,
      amendedSuspensionDays: values.REVIEW_AMENDED_SUSPENSION_DAYS,
      restrictionDays: values.REVIEW_RESTRICTION_DAYS,
      writtenNoticeWorkingDays: values.WRITTEN_NOTICE_WORKING_DAYS,
      // The July 2026 amendments are in force unless a deployment says otherwise (DOMAIN.md: confirm).
      isRegulation11BInForce: values.REGULATION_11B_IN_FORCE ?? true,
      regulation11BDecisionWorkingDays: values.REGULATION_11B_DECISION_WORKING_DAYS,
      isRegulation11CInForce: values.REGULATION_11C_IN_FORCE ?? true,
    },
    liveRates: { eventsPerSecond: values.LIVE_EVENTS_PER_SECOND, notesEventsPerSecond: values.LIVE_NOTES_EVENTS_PER_SECOND },
    reminders: { leadDays: values.REMINDER_LEAD_DAYS, intervalSeconds: values.REMINDER_INTERVAL_SECONDS },
    metrics: { host: values.METRICS_HOST, port: values.METRICS_PORT },
    sso: { providers, redirectUri: values.PUBLIC_URL === null ? null : new URL('/login/sso', values.PUBLIC_URL).toString() },
    stepUpMaxAgeSeconds: values.STEP_UP_MAX_AGE_SECONDS,
    retention: {
      periods: {
        case_content: values.RETENTION_CASE_CONTENT_DAYS,
        notes: values.RETENTION_NOTES_DAYS,
        minutes: values.RETENTION_MINUTES_DAYS,
        access_log: values.RETENTION_ACCESS_LOG_DAYS,
      },
      intervalSeconds: values.RETENTION_SWEEP_INTERVAL_SECONDS,
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
