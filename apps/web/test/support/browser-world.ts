import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '@caseroom/testing';
import { PolicyRefusals, seriousViolations, type AxeFinding } from './browser-evidence';
import { Api, builtClient, builtServer, CaseroomServer, type CaseroomServerOptions, type DemoLogin } from './caseroom-server';

export const chromiumPath = '/usr/bin/chromium';
export const laptop = { width: 1366, height: 768 };
export const tablet = { width: 768, height: 1024 };
/** `npm run screens` sets this: the screens a test captures are then saved as PNGs for the README. */
const screensDir = process.env.CASEROOM_SCREENS ? resolve(__dirname, '../../../..', process.env.CASEROOM_SCREENS) : null;

/**
 * Console errors that are not the page's: a policy refusal (listed apart), and Chromium's note of an HTTP
 * answer that was not a success (a test that provokes a refusal expects it; the page shows it in words).
 */
function isExpectedConsoleError(text: string): boolean {
  return text.includes('Content Security Policy') || text.startsWith('Failed to load resource: the server responded with a status of');
}

export const isClientBuilt = existsSync(builtServer) && existsSync(join(builtClient, 'index.html'));

export interface BrowserPerson {
  readonly key: string;
  readonly login: DemoLogin;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly refusals: PolicyRefusals;
}

/**
 * The built Caseroom on a test database in demo mode, a real Chromium, and the people of the demo world
 * signing in through the page. Every page's uncaught errors and Content-Security-Policy refusals are
 * kept: `problems()` lists them, and a test fails when there is any. `audit` runs axe-core on a
 * screen; `capture` saves it for docs/screens when `npm run screens` runs.
 */
export class BrowserWorld {
  readonly findings = new Map<string, AxeFinding[]>();
  private readonly people = new Map<string, BrowserPerson>();
  private readonly pageErrors: string[] = [];

  private constructor(
    readonly database: TestDatabase,
    readonly server: CaseroomServer,
    readonly api: Api,
    readonly browser: Browser,
    readonly logins: ReadonlyMap<string, DemoLogin>,
  ) {}

  static async start(options: CaseroomServerOptions = {}): Promise<BrowserWorld> {
    if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: install Debian's chromium (apt-get install -y chromium)`);
    const database = await createTestDatabase();
    const server = await CaseroomServer.start(database, options);
    const api = new Api(server.url);
    const logins = await server.demoLogins();
    const browser = await chromium.launch({ executablePath: chromiumPath, headless: true });
    return new BrowserWorld(database, server, api, browser, logins);
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.server?.stop();
    await this.database?.drop();
  }

  /** A demo person's API token, for set-up that is not under test. */
  token(key: string): Promise<string> {
    return this.api.token(this.login(key));
  }

  login(key: string): DemoLogin {
    const login = this.logins.get(key);
    if (!login) throw new Error(`no demo login ${key}`);
    return login;
  }

  /** A browser of its own for a demo person (or any other login), not yet signed in. */
  async open(key: string, options: { viewport?: typeof laptop; login?: DemoLogin } = {}): Promise<BrowserPerson> {
    const login = options.login ?? this.login(key);
    const context = await this.browser.newContext({ viewport: options.viewport ?? laptop, baseURL: this.server.url });
    const page = await context.newPage();
    page.on('pageerror', (error) => this.pageErrors.push(`${key}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !isExpectedConsoleError(message.text())) this.pageErrors.push(`${key}: ${message.text()}`);
    });
    const person = { key, login, context, page, refusals: new PolicyRefusals(page) };
    this.people.set(key, person);
    return person;
  }

  /**
   * Signs in through the page with e-mail and password; in demo mode an account without an
   * authenticator needs no second factor. Resolves when the signed-in navigation is shown.
   */
  async signIn(person: BrowserPerson): Promise<void> {
    await person.page.goto('/');
    await person.page.getByLabel('E-mail address').fill(person.login.email);
    await person.page.getByLabel('Password').fill(person.login.password);
    await person.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await person.page.getByRole('navigation', { name: 'Main' }).waitFor();
  }

  /** axe-core on the screen as it is; what it finds is kept under the screen's name. */
  async audit(screen: string, page: Page): Promise<void> {
    this.findings.set(screen, await seriousViolations(page));
  }

  async capture(name: string, page: Page): Promise<void> {
    if (!screensDir) return;
    await mkdir(screensDir, { recursive: true });
    await page.screenshot({ path: join(screensDir, `${name}.png`), fullPage: true });
  }

  /** Uncaught errors and console errors in any page, and anything the Content-Security-Policy refused. */
  problems(): string[] {
    return [
      ...this.pageErrors,
      ...[...this.people.values()].flatMap((person) => person.refusals.all.map((text) => `${person.key}: ${text}`)),
    ];
  }

  /** Every serious or critical axe finding so far, by screen. */
  seriousFindings(): Record<string, AxeFinding[]> {
    return Object.fromEntries([...this.findings].filter(([, found]) => found.length > 0));
  }
}
