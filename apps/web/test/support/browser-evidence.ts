import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { liveParser } from '@caseroom/contracts';

/** Every WebSocket frame a page receives, as text (binary frames also decoded), for canary searches. */
export class FrameLog {
  private readonly frames: string[] = [];
  /** The events the page sent on the live channel, decoded: `[name, payload]`. */
  readonly sent: [string, unknown][] = [];

  constructor(page: Page) {
    page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => this.frames.push(typeof payload === 'string' ? payload : readable(payload)));
      socket.on('framesent', ({ payload }) => {
        const event = typeof payload === 'string' ? undefined : decoded(payload)?.data;
        if (Array.isArray(event) && typeof event[0] === 'string') this.sent.push([event[0], event[1]]);
      });
    });
  }

  /** The step 1s the page sent for notes: each a round trip it waited for before it could show them. */
  stepOnes(): number {
    return this.sent.filter(([event, payload]) => event === 'notes.sync' && (payload as { message?: Uint8Array }).message?.[0] === 0)
      .length;
  }

  get count(): number {
    return this.frames.length;
  }

  text(): string {
    return this.frames.join('\n');
  }
}

/**
 * What the page's Content-Security-Policy refused: Chromium reports each refusal (an inline style or
 * script, a connection or resource from another origin) on the page's console.
 */
export class PolicyRefusals {
  private readonly refusals: string[] = [];

  constructor(page: Page) {
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) this.refusals.push(message.text());
    });
  }

  get all(): readonly string[] {
    return this.refusals;
  }
}

/** What the browser keeps for the origin: web storage, IndexedDB databases, cookies, Cache Storage names. */
export async function storedState(context: BrowserContext, page: Page): Promise<string> {
  const inPage = await page.evaluate(async () => {
    const dump = (storage: Storage) =>
      Object.fromEntries(
        Array.from({ length: storage.length }, (_, index) => storage.key(index)!).map((key) => [key, storage.getItem(key)]),
      );
    const databases = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
    const caches = 'caches' in window ? await window.caches.keys() : [];
    return {
      localStorage: dump(window.localStorage),
      sessionStorage: dump(window.sessionStorage),
      indexedDb: databases.map((database) => database.name),
      cookies: document.cookie,
      caches,
    };
  });
  const state = await context.storageState();
  return JSON.stringify({ inPage, state });
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  readonly id: string;
  readonly impact: string | null;
  readonly targets: readonly string[];
}

/** Serious and critical axe-core violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  // Evaluated over the DevTools protocol, so the page's own CSP (no inline scripts) stays in force for the client.
  await page.evaluate(`${axeSource}\n;undefined`);
  const findings = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      targets: violation.nodes.map((node) => JSON.stringify(node.target)),
    }));
  });
  return findings.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
}

/**
 * A binary frame of the live channel is one MessagePack-encoded socket.io packet: kept as its raw bytes
 * read as UTF-8 and, decoded, as JSON with every binary value read as UTF-8 too, so that searches for an
 * event's name or for text inside a notes update find them whichever way they travel.
 */
function decoded(frame: Buffer): { data?: unknown } | undefined {
  try {
    let packet: { data?: unknown } | undefined;
    const decoder = new liveParser.Decoder();
    decoder.on('decoded', (found: { data?: unknown }) => (packet = found));
    decoder.add(frame);
    return packet;
  } catch {
    return undefined;
  }
}

function readable(frame: Buffer): string {
  const raw = frame.toString('utf8');
  try {
    let packet: unknown;
    const decoder = new liveParser.Decoder();
    decoder.on('decoded', (decoded: unknown) => (packet = decoded));
    decoder.add(frame);
    return `${raw}\n${JSON.stringify(packet, (_key, value: unknown) =>
      value instanceof ArrayBuffer || ArrayBuffer.isView(value) ? Buffer.from(value as ArrayBuffer).toString('utf8') : value,
    )}`;
  } catch {
    return raw;
  }
}
