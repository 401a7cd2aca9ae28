import { Body, Param, Query, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import { z, type ZodType } from 'zod';
import { invalid } from '@caseroom/domain';
import { uuid } from '@caseroom/contracts';

type Part = 'body' | 'params' | 'query';

const partNames: Record<Part, string> = { body: 'request body', params: 'address', query: 'query string' };

export class SchemaPipe implements PipeTransform {
  constructor(
    private readonly schema: ZodType,
    private readonly part: Part,
    private readonly prefix: string,
  ) {}

  transform(value: unknown): unknown {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const details = result.error.issues.map((issue) => ({
      path: [this.prefix, ...issue.path.map(String)].join('.'),
      message: issue.message,
    }));
    throw invalid(`The ${partNames[this.part]} is not valid.`, details);
  }
}

function openApiSchema(schema: ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

/** Validates the JSON body against a contract schema and documents it in the OpenAPI description. */
export function ValidBody(schema: ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(new SchemaPipe(schema, 'body', 'body'))(target, key, index);
    if (key !== undefined) {
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      if (descriptor) ApiBody({ schema: openApiSchema(schema) })(target, key, descriptor);
    }
  };
}

/** A path parameter that must be a UUID. */
export const IdParam = (name: string): ParameterDecorator => Param(name, new SchemaPipe(uuid, 'params', `params.${name}`));

/** Validates the query string against a contract schema and documents each of its parameters in the OpenAPI description. */
export function ValidQuery(schema: ZodType): ParameterDecorator {
  return (target, key, index) => {
    Query(new SchemaPipe(schema, 'query', 'query'))(target, key, index);
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (!descriptor || !(schema instanceof z.ZodObject)) return;
    const shape: Record<string, ZodType> = schema.shape;
    for (const [name, field] of Object.entries(shape)) {
      ApiQuery({ name, required: !field.safeParse(undefined).success, schema: openApiSchema(field) })(target, key!, descriptor);
    }
  };
}
