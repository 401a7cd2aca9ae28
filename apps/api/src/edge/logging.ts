import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/**
 * Field names whose values never reach a log line, wherever they sit in a logged object. Requests are
 * logged as method, path and id only; bodies and headers are never logged.
 */
export const redactedFields = [
  'password',
  'initialPassword',
  'passwordHash',
  'accessToken',
  'refreshToken',
  'challengeToken',
  'token',
  'code',
  'recoveryCode',
  'recoveryCodes',
  'secret',
  'otpauthUri',
  'authorization',
  'cookie',
];

export function loggerOptions(config: AppConfig, destination?: NodeJS.WritableStream): Params {
  const options = {
    level: config.logLevel,
    genReqId: (request: IncomingMessage & { id?: string }) => request.id ?? 'unknown',
    serializers: {
      req: (request: { id?: string; method?: string; url?: string }) => ({
        id: request.id,
        method: request.method,
        path: (request.url ?? '').split('?')[0],
      }),
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
    },
    redact: { paths: redactedFields.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]), censor: '[redacted]' },
    customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (request: IncomingMessage) => (request.url ?? '').startsWith('/health') },
    quietReqLogger: true,
  };
  return { pinoHttp: destination ? [options, destination] : options } as Params;
}
