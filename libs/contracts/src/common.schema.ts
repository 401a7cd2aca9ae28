import { z } from 'zod';

const isMissing = (input: unknown) => input === undefined || input === null || input === '';

/** An id; one left out (or a list's "choose..." left as it was) is "required", not "not a UUID". */
export const uuid = z.uuid({ error: (issue) => (isMissing(issue.input) ? 'is required' : 'must be a UUID') });

/** One of a list of codes; left out or empty it is "required", otherwise zod's message names the codes. */
export const choiceOf = <const Values extends readonly [string, ...string[]]>(values: Values) =>
  z.enum(values, { error: (issue) => (isMissing(issue.input) ? 'is required' : undefined) });

export const isoDate = z.iso.date({ error: (issue) => (isMissing(issue.input) ? 'is required' : 'must be a date as YYYY-MM-DD') });
export const trimmedText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
export const email = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email({ message: 'must be an e-mail address' }))
  .transform((value) => value.toLowerCase());

export const idParam = <K extends string>(name: K) => z.strictObject({ [name]: uuid } as { [P in K]: typeof uuid });

export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details?: readonly { path: string; message: string }[];
    readonly requestId?: string;
  };
}
