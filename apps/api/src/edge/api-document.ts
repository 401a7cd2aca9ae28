import type { OpenAPIObject } from '@nestjs/swagger';
import { errorCodes } from '@caseroom/domain';
import { operationSummaries } from './operation-summaries';

type Schema = Record<string, unknown>;
interface Operation {
  summary?: string;
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema; example?: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: Schema; example?: unknown }> }>;
}

/** The error body every failure answers with, as the HTTP edge writes it. */
const errorSchema: Schema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: {
        code: { type: 'string', enum: [...errorCodes], description: 'A stable code, the same for the same failure' },
        message: { type: 'string', description: 'What went wrong, in words a person can act on' },
        details: {
          type: 'array',
          description: 'One line per field refused, named by its path (body.referral.referredOn)',
          items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
        },
        requestId: { type: 'string' },
      },
    },
  },
};

const requestId = '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b';
const errors: Readonly<Record<string, { description: string; example: unknown }>> = {
  '400': {
    description: 'The address, query or body is not valid; each field refused is named',
    example: {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'The request body is not valid.',
        details: [{ path: 'body.referredOn', message: 'must be a date as YYYY-MM-DD' }],
        requestId,
      },
    },
  },
  '401': {
    description: 'No session, or one that has ended',
    example: { error: { code: 'UNAUTHENTICATED', message: 'Sign in to continue.', requestId } },
  },
  '403': {
    description: 'The person may not do this',
    example: { error: { code: 'FORBIDDEN', message: 'You may not do this.', requestId } },
  },
  '404': {
    description: 'Nothing there, or nothing this person may know of: the two are answered alike',
    example: { error: { code: 'NOT_FOUND', message: 'The case was not found.', requestId } },
  },
  '409': {
    description: 'The record changed meanwhile, or is in a state that does not allow this',
    example: { error: { code: 'CONFLICT', message: 'The draft was changed by someone else: read it again.', requestId } },
  },
  '413': {
    description: 'The body is larger than the limit',
    example: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.', requestId } },
  },
  '429': {
    description: 'Too many attempts: wait and try again',
    example: { error: { code: 'RATE_LIMITED', message: 'Too many attempts. Try again in a minute.', requestId } },
  },
};

/** A value that fits a JSON schema, for an example: the first choice of an enum, a plausible string of each format. */
export function exampleOf(schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 8) return null;
  if ('example' in schema) return schema.example;
  if ('default' in schema && schema.default !== undefined) return schema.default;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options)) {
      const chosen: Schema | undefined = (options as Schema[]).find((option) => option.type !== 'null') ?? (options as Schema[])[0];
      return exampleOf(chosen, depth + 1);
    }
  }
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((entry) => entry !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, exampleOf(property, depth + 1)]));
    }
    case 'array':
      return schema.items ? [exampleOf(schema.items as Schema, depth + 1)] : [];
    case 'string':
      if (schema.format === 'uuid') return '3f0e8c52-5d1a-4c7e-9b2f-6a4d8e1c7b90';
      if (schema.format === 'date') return '2026-12-01';
      if (schema.format === 'date-time') return '2026-12-01T10:00:00Z';
      if (schema.format === 'email') return 'coordinator@example.org';
      if (typeof schema.pattern === 'string' && schema.pattern.includes('\\d{4}-\\d{2}-\\d{2}')) return '2026-12-01';
      return 'text';
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/**
 * Completes what the controllers' decorators give the OpenAPI document: every operation's summary (from
 * the one table of them), the errors it can answer with and an example of each, and an example body.
 */
export function completeApiDocument(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Error: errorSchema as never } };
  for (const [path, item] of Object.entries(document.paths)) {
    const routePath = path.replace(/\{(\w+)\}/g, ':$1');
    for (const [method, value] of Object.entries(item as Record<string, Operation>)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const operation = value;
      operation.summary ??= operationSummaries[`${method.toUpperCase()} ${routePath}`];
      const hasParameters = (operation.parameters ?? []).some((parameter) => parameter.in === 'path' || parameter.in === 'query');
      const hasBody = operation.requestBody !== undefined;
      const isPublic = routePath.startsWith('/api/auth/') && routePath !== '/api/auth/logout';
      const codes = [
        ...(hasParameters || hasBody ? ['400'] : []),
        ...(isPublic || routePath.startsWith('/health') ? ['429'] : ['401', '403']),
        ...(routePath.includes(':') ? ['404'] : []),
        ...(hasBody || ['post', 'patch', 'put', 'delete'].includes(method) ? ['409'] : []),
        ...(hasBody ? ['413'] : []),
      ];
      for (const code of routePath.startsWith('/health') ? [] : codes) {
        operation.responses[code] ??= {
          description: errors[code].description,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: errors[code].example } },
        };
      }
      const json = operation.requestBody?.content?.['application/json'];
      if (json && json.example === undefined) json.example = exampleOf(json.schema);
    }
  }
  return document;
}
