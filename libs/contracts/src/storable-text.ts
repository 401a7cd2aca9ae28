/**
 * Text PostgreSQL cannot hold: a NUL character (refused in `text` and `jsonb`), or half of a surrogate
 * pair (not valid Unicode, refused when encoded as UTF-8). Found anywhere in a request, it is named by
 * its path and refused before anything is stored.
 */
export interface UnstorableText {
  readonly path: string;
  readonly message: string;
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemOf(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain a NUL character';
  if (loneSurrogate.test(text)) return 'must not contain half of a Unicode surrogate pair';
  return null;
}

/** Every string in a value (object keys included), with its path below `prefix`, that cannot be stored. */
export function findUnstorableText(value: unknown, prefix: string, found: UnstorableText[] = [], depth = 0): UnstorableText[] {
  if (depth > 64 || found.length >= 20) return found;
  if (typeof value === 'string') {
    const problem = problemOf(value);
    if (problem) found.push({ path: prefix, message: problem });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findUnstorableText(item, `${prefix}.${index}`, found, depth + 1));
  } else if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer)) {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = problemOf(key);
      // A key is named by its place, not by itself: it cannot be printed faithfully.
      if (keyProblem) found.push({ path: `${prefix}.<key>`, message: keyProblem });
      else findUnstorableText(item, `${prefix}.${key}`, found, depth + 1);
    }
  }
  return found;
}
