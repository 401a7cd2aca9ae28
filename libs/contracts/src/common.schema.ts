import { z } from 'zod';

export const uuid = z.uuid({ message: 'must be a UUID' });
export const isoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });
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
