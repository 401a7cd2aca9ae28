import { randomBytes } from 'node:crypto';
import type { Compartment } from '@caseroom/domain';

/**
 * Unique marker strings planted in protected fields. A canary found where its compartment was not
 * admitted is a leak, wherever it is found: a response, an error, a log line.
 */
export class Canaries {
  private readonly byCompartment = new Map<Compartment, string[]>();
  private readonly run = randomBytes(4).toString('hex');

  plant(compartment: Compartment, field: string): string {
    const canary = `CANARY-${this.run}-${compartment}-${field}`;
    this.byCompartment.set(compartment, [...(this.byCompartment.get(compartment) ?? []), canary]);
    return canary;
  }

  of(compartment: Compartment): readonly string[] {
    return this.byCompartment.get(compartment) ?? [];
  }

  /** Every canary of the given compartments found in the text. */
  foundIn(text: string, compartments: readonly Compartment[]): string[] {
    return compartments.flatMap((compartment) => this.of(compartment).filter((canary) => text.includes(canary)));
  }

  /** Any canary at all in the text (the run marker is unique to this test run). */
  anyIn(text: string): boolean {
    return text.includes(`CANARY-${this.run}-`);
  }
}

/**
 * A value as each simple encoding would carry it: plain, hex, UTF-16, and base64 and base64url at each
 * of the three alignments it can take inside a longer encoded text (ends trimmed where they mix).
 */
export function simpleEncodings(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const shifted = [0, 1, 2].flatMap((shift) =>
    (['base64', 'base64url'] as const).map((alphabet) =>
      Buffer.concat([Buffer.alloc(shift), bytes])
        .toString(alphabet)
        .slice(4, -4),
    ),
  );
  return [value, bytes.toString('hex'), Buffer.from(value, 'utf16le').toString('latin1'), ...shifted];
}
