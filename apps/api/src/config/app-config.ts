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
  LIVE_EVENTS_PER_SECOND: integer('LIVE_EVENTS_PER_SECOND', 1, 10000, 20),
  LIVE_NOTES_EVENTS_PER_SECOND: integer('LIVE_NOTES_EVENTS_PER_SECOND', 1, 100000, 120),
  REMINDER_LEAD_DAYS: integer('REMINDER_LEAD_DAYS', 0, 60, 3),
  REMINDER_INTERVAL_SECONDS: integer('REMINDER_INTERVAL_SECONDS', 0, 86400, 300),
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
  /** Review clocks of duty restrictions, in days (DOMAIN.md: suspension every 4 weeks; 12 under the 2026 amendments). */
  readonly reviewClocks: ReviewClocks;
  /** Live events a person may send a second, with bursts of twice that: other events, and the notes events (every keystroke). */
  readonly liveRates: { readonly eventsPerSecond: number; readonly notesEventsPerSecond: number };
  /** How far ahead reminders warn, and how often the sweep runs (0: never on its own, as in tests). */
  readonly reminders: { readonly leadDays: number; readonly intervalSeconds: number };
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
    },
    liveRates: { eventsPerSecond: values.LIVE_EVENTS_PER_SECOND, notesEventsPerSecond: values.LIVE_NOTES_EVENTS_PER_SECOND },
    reminders: { leadDays: values.REMINDER_LEAD_DAYS, intervalSeconds: values.REMINDER_INTERVAL_SECONDS },
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
