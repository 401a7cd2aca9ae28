import { zodResolver } from '@hookform/resolvers/zod';
import { createContext, useContext, useEffect, useId, useRef, type ReactNode } from 'react';
import {
  Controller,
  get,
  set,
  useForm,
  type FieldErrors,
  type FieldValues,
  type Path,
  type UseFormProps,
  type UseFormReturn,
} from 'react-hook-form';
import type { z } from 'zod';
import { ApiError } from './api-client';

/**
 * A form validated in the browser by the same zod schema the server validates with (libs/contracts),
 * so both refuse the same input with the same field paths.
 */
export function useSchemaForm<Schema extends z.ZodType<FieldValues, FieldValues>>(
  schema: Schema,
  options: Omit<UseFormProps<z.input<Schema>, unknown, z.output<Schema>>, 'resolver'> = {},
): UseFormReturn<z.input<Schema>, unknown, z.output<Schema>> {
  return useForm<z.input<Schema>, unknown, z.output<Schema>>({ ...options, resolver: zodResolver(schema as never) as never });
}

/**
 * A form laid out otherwise than the body it sends (a row for every agency where the body lists only the
 * positions given, an empty box where the body has null): `toBody` makes the body of what is filled in,
 * and the contract's schema validates that body exactly as the server will. Each problem goes on the
 * field that `fieldOf` names for its path in the body (the same path unless told otherwise); a valid
 * body is what the form submits.
 */
export function useBodyForm<Values extends FieldValues, Schema extends z.ZodType>(
  schema: Schema,
  toBody: (values: Values) => unknown,
  {
    fieldOf = (path) => path,
    ...options
  }: Omit<UseFormProps<Values, unknown, z.output<Schema>>, 'resolver'> & { fieldOf?: (path: string, body: unknown) => string },
): UseFormReturn<Values, unknown, z.output<Schema>> {
  return useForm<Values, unknown, z.output<Schema>>({
    ...options,
    resolver: async (values) => {
      const body = toBody(values);
      const result = await schema.safeParseAsync(body);
      if (result.success) return { values: result.data, errors: {} };
      const errors: FieldErrors<Values> = {};
      for (const issue of result.error.issues) {
        // A problem with the body as a whole is the form's: react-hook-form keeps those under `root`.
        const path = fieldOf(issue.path.join('.') || 'root', body);
        if (!get(errors, path)) set(errors, path, { type: issue.code, message: issue.message });
      }
      return { values: {}, errors };
    },
  });
}

/**
 * Puts a refusal's field errors (`body.referral.dashScore`) on the form's fields (by `fieldOf`, for a form
 * laid out otherwise than its body); answers what is left to say above the form (the message, when no
 * field is named, or a field the form does not have).
 */
export function applyServerErrors<Values extends FieldValues>(
  form: UseFormReturn<Values, unknown, FieldValues>,
  error: unknown,
  fieldOf: (path: string) => string = (path) => path,
): string | null {
  if (!(error instanceof ApiError)) return 'Caseroom could not be reached. Nothing was saved; try again in a moment.';
  const fields = error.details.filter((detail) => detail.path.startsWith('body.'));
  for (const detail of fields)
    form.setError(fieldOf(detail.path.slice('body.'.length)) as Path<Values>, { type: 'server', message: detail.message });
  return fields.length === error.details.length && fields.length > 0 ? null : error.message;
}

/**
 * Every message in a form's errors, with the field it belongs to, in the order of the form. An error
 * carries its field's element (`ref`): that is never walked into, or the page's whole DOM would be.
 */
function listErrors(errors: FieldErrors, prefix = ''): { path: string; message: string }[] {
  return Object.entries(errors).flatMap(([key, value]) => {
    if (key === 'ref' || !value || typeof value !== 'object') return [];
    const path = prefix ? `${prefix}.${key}` : key;
    const message = (value as { message?: unknown }).message;
    return typeof message === 'string' ? [{ path, message }] : listErrors(value as FieldErrors, path);
  });
}

/** The id of the input for a field path: `referral.dashScore` → `field-referral-dashScore`. */
export const fieldId = (path: string) => `field-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

const FieldScope = createContext('');

/**
 * Names the form inside it, for a screen with several forms: its fields' ids (and the summary's links
 * to them) start with the name, so two forms with a field of the same name never share an id.
 */
export function FormScope({ name, children }: { name: string; children: ReactNode }) {
  return <FieldScope.Provider value={name}>{children}</FieldScope.Provider>;
}

/** The id a field path gets in the current form scope, for a control built without `Field`. */
export function useFieldId(): (path: string) => string {
  const scope = useContext(FieldScope);
  return (path) => fieldId(scope ? `${scope}.${path}` : path);
}

/**
 * A summary of what is wrong, at the top of the form, focused when a submission fails: each problem
 * links to its field, so that a keyboard or screen-reader user reaches it at once.
 */
export function ErrorSummary({
  errors,
  message,
  labels,
  attempt,
}: {
  errors: FieldErrors;
  message?: string | null;
  labels?: Record<string, string>;
  /** The form's submission count: each refused submission brings the summary into focus again. */
  attempt?: number;
}) {
  const listed = listErrors(errors);
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const idOf = useFieldId();
  const count = listed.length + (message ? 1 : 0);
  const hasProblems = count > 0;
  // Focused when problems appear or a submission is refused again, not each time one is put right: the
  // person correcting a field keeps their place.
  useEffect(() => {
    if (hasProblems) box.current?.focus();
  }, [attempt, hasProblems]);
  if (count === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={box} aria-labelledby={titleId}>
      <h2 id={titleId}>There is a problem</h2>
      <ul>
        {message && <li>{message}</li>}
        {listed.map((entry) => (
          <li key={entry.path}>
            <a href={`#${idOf(entry.path)}`}>
              {labels?.[entry.path] ?? entry.path}: {entry.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function errorAt(errors: FieldErrors, path: string): string | undefined {
  let current: unknown = errors;
  for (const part of path.split('.')) current = (current as Record<string, unknown> | undefined)?.[part];
  const message = (current as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

/** A label, an optional hint, the control, and its error, tied together for assistive technology. */
export function Field({
  form,
  name,
  label,
  hint,
  children,
}: {
  /** Any form: only its errors are read. */
  form: { readonly formState: { readonly errors: FieldErrors } };
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = useFieldId()(name);
  const error = errorAt(form.formState.errors, name);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children({ id, 'aria-describedby': described || undefined, 'aria-invalid': error ? true : undefined })}
    </div>
  );
}

const pad = (value: string, length: number) => value.padStart(length, '0');

/**
 * A date as day, month and year, the way people in the UK write one (the GOV.UK pattern): whatever the
 * browser's language, never a US-ordered picker. The value is `YYYY-MM-DD`, null when empty, and a
 * half-written date stays half-written (the schema then refuses it, naming the field).
 */
export function DateField<Values extends FieldValues>({
  form,
  name,
  label,
  hint,
}: {
  form: UseFormReturn<Values, unknown, FieldValues>;
  name: Path<Values>;
  label: string;
  hint?: string;
}) {
  const legendId = useId();
  const id = useFieldId()(name);
  const error = errorAt(form.formState.errors, name);
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => {
        const value = typeof field.value === 'string' ? field.value : '';
        const [year = '', month = '', day = ''] = value.split('-');
        const set = (part: 'day' | 'month' | 'year', typed: string) => {
          const next = { day, month, year, [part]: typed.replace(/\D/g, '') };
          if (!next.day && !next.month && !next.year) field.onChange(null);
          else if (next.day && next.month && next.year.length === 4)
            field.onChange(`${next.year}-${pad(next.month, 2)}-${pad(next.day, 2)}`);
          else field.onChange(`${next.year}-${next.month}-${next.day}`);
        };
        return (
          <fieldset
            className={error ? 'field date-field field-error' : 'field date-field'}
            aria-describedby={error ? `${id}-error` : undefined}
          >
            <legend id={legendId}>{label}</legend>
            {hint && <p className="hint">{hint}</p>}
            {error && (
              <p className="error" id={`${id}-error`}>
                {error}
              </p>
            )}
            <span>
              <label htmlFor={id}>Day</label>
              <input
                id={id}
                inputMode="numeric"
                size={2}
                maxLength={2}
                value={day}
                onChange={(event) => set('day', event.target.value)}
                onBlur={field.onBlur}
              />
            </span>
            <span>
              <label htmlFor={`${id}-month`}>Month</label>
              <input
                id={`${id}-month`}
                inputMode="numeric"
                size={2}
                maxLength={2}
                value={month}
                onChange={(event) => set('month', event.target.value)}
                onBlur={field.onBlur}
              />
            </span>
            <span>
              <label htmlFor={`${id}-year`}>Year</label>
              <input
                id={`${id}-year`}
                inputMode="numeric"
                size={4}
                maxLength={4}
                value={year}
                onChange={(event) => set('year', event.target.value)}
                onBlur={field.onBlur}
              />
            </span>
          </fieldset>
        );
      }}
    />
  );
}
