/*
 * Shared set-up for the browser journeys: a real Stepwise server on a fresh embedded database (which
 * seeds the demo organisations), Debian's Chromium driven by playwright-core, and an axe check that
 * every page visited has no serious or critical accessibility violations.
 *
 * The web app must already be built: scripts/test.mjs runs `npm run build -w apps/web` before the
 * browser project. Run by hand with
 *   npm run build -w apps/web && npx vitest run --project browser
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { Secret, TOTP } from 'otpauth';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { loadConfig } from '../../apps/server/src/config.js';
import { startServer } from '../../apps/server/src/server.js';

/** Password of every demo login. */
export const demoPassword = 'stepwise-demo';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const webIndex = path.join(repoRoot, 'apps/web/dist/index.html');

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts Stepwise on a random port with its own data folder. The session idle limit defaults to five
 * minutes, so a slow axe run on a busy machine never signs a journey out half-way; the logoff journey
 * asks for 0.1 minutes (6 seconds) to see automatic logoff without waiting a quarter of an hour.
 */
export async function startTestServer(options: { idleMinutes?: number } = {}): Promise<TestServer> {
  if (!fs.existsSync(webIndex)) {
    throw new Error(
      `The web app is not built (${path.relative(repoRoot, webIndex)} is missing). ` +
        'Run `npm run build -w apps/web` first; scripts/test.mjs does this before the browser tests.',
    );
  }
  const idleMinutes = options.idleMinutes ?? 5;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-browser-'));
  const dataDir = path.join(dir, 'data');
  fs.cpSync(await seededTemplate(), dataDir, { recursive: true });
  const env = {
    PORT: '0',
    HOST: '127.0.0.1',
    STEPWISE_DATA_DIR: dataDir,
    SESSION_IDLE_MINUTES: String(idleMinutes),
    LOG_LEVEL: 'silent',
  };
  const config = loadConfig(env);
  const server = await startServer(config, () => {}).catch((error: unknown) => {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    url: server.url,
    async close() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A data folder holding a migrated database with the seeded demo organisations, made once and copied
 * for each test file: initialising and seeding takes several seconds, copying a fraction of that
 * (shared/reference/stack-notes.md). It is rebuilt whenever the migrations, the seed or PGlite change.
 */
async function seededTemplate(): Promise<string> {
  const fingerprint = createHash('sha256');
  for (const folder of ['apps/server/migrations', 'apps/server/src/seed']) {
    for (const name of fs.readdirSync(path.join(repoRoot, folder)).sort()) {
      const file = path.join(repoRoot, folder, name);
      if (fs.statSync(file).isFile()) fingerprint.update(name).update(fs.readFileSync(file));
    }
  }
  fingerprint.update(fs.readFileSync(path.join(repoRoot, 'node_modules/@electric-sql/pglite/package.json')));
  const prefix = 'stepwise-browser-template-';
  const template = path.join(os.tmpdir(), `${prefix}${fingerprint.digest('hex').slice(0, 16)}`);
  if (fs.existsSync(path.join(template, 'data'))) return path.join(template, 'data');

  // Seed in a private folder, then move it into place in one step so a half-made template is never used.
  const building = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-browser-seeding-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    STEPWISE_DATA_DIR: path.join(building, 'data'),
    LOG_LEVEL: 'silent',
  });
  const server = await startServer(config, () => {});
  await server.close();
  // Templates of other migrations or seeds are stale; this one may already be in use by another worker.
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (name.startsWith(prefix) && name !== path.basename(template)) {
      fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    }
  }
  try {
    fs.renameSync(building, template);
  } catch {
    // another worker or run made the same template meanwhile
    fs.rmSync(building, { recursive: true, force: true });
  }
  return path.join(template, 'data');
}

/** Debian's Chromium, headless, with the background chatter turned off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** A journey's running server and browser, set up once per test file. */
export interface Journey {
  /** The server's base URL. */
  readonly url: string;
  /** A fresh browser context (its own cookies) and page on the server, at the given viewport. */
  open(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * Starts a server and Chromium before the file's tests and stops both after them (registers the
 * vitest hooks; call at the top level of a test file).
 */
export function journey(options: { idleMinutes?: number } = {}): Journey {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startTestServer(options);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const running = () => {
    if (!server || !browser) throw new Error('the journey has not started: call journey() at top level');
    return { server, browser };
  };
  return {
    get url() {
      return running().server.url;
    },
    open(viewport) {
      const { server: started, browser: launched } = running();
      return openPage(launched, started.url, viewport);
    },
  };
}

/** Viewports the journeys use: a laptop, and a phone (375 × 740). */
export const viewports = {
  desktop: { width: 1280, height: 860 },
  phone: { width: 375, height: 740 },
} as const;

/** A fresh browser context (its own cookies) and page. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number } = viewports.desktop,
): Promise<{ context: BrowserContext; page: Page }> {
  // Reduced motion: the app then skips transitions, so a closing dialog is never half-faded for axe.
  const context = await browser.newContext({ baseURL, viewport, locale: 'en-US', reducedMotion: 'reduce' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const violations: string[] = [];
  cspViolations.set(page, violations);
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      violations.push(message.text());
  });
  return { context, page };
}

/**
 * Runs axe on the page as it is now and fails on any serious or critical violation (and on any
 * Content-Security-Policy violation the page reported), naming the rule
 * and the offending elements. Moves the mouse first: axe takes a moment, and a short idle limit must
 * not count it as the user walking away.
 */
/** Console reports of Content-Security-Policy violations, per page. */
const cspViolations = new WeakMap<Page, string[]>();

let nudge = 0;
export async function expectAccessible(page: Page, where: string): Promise<void> {
  nudge += 1;
  await page.mouse.move(4 + (nudge % 2), 4);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  const summary = serious.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes
        .slice(0, 5)
        .map((node) => node.target.join(' '))
        .join('\n    ')}`,
  );
  expect(summary, `accessibility violations on ${where}`).toEqual([]);
  expect(cspViolations.get(page) ?? [], `Content-Security-Policy violations by ${where}`).toEqual([]);
}

/** Fills the sign-in form and submits it (no waiting for where it lands). */
export async function submitSignIn(page: Page, email: string, password = demoPassword): Promise<void> {
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Opens the sign-in page, signs in, and waits for the first page after it. */
export async function signIn(page: Page, email: string, password = demoPassword): Promise<void> {
  await page.goto('/sign-in');
  await submitSignIn(page, email, password);
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/** Below this width (Mantine's `sm`, 48em) the navigation hides behind the burger button. */
const collapsedNavigationBelow = 768;

/**
 * Opens the navigation on a phone, where it hides behind the burger button. Decided by the viewport,
 * not by whether the burger happens to be visible at one instant: on a busy machine the header may
 * not have been painted yet.
 */
export async function openNavigationIfCollapsed(page: Page): Promise<void> {
  if ((page.viewportSize()?.width ?? Number.POSITIVE_INFINITY) >= collapsedNavigationBelow) return;
  const burger = page.getByRole('button', { name: 'Open navigation' });
  await burger
    .or(page.getByRole('button', { name: 'Close navigation' }))
    .first()
    .waitFor();
  if (await burger.isVisible()) await burger.click();
}

/** The main navigation's link names, in order. */
export async function navigationLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  return (await nav.getByRole('link').allTextContents()).map((text) => text.trim());
}

/** Signs out through the navigation and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await openNavigationIfCollapsed(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in');
}

/**
 * A code an authenticator app would show for the secret. `stepsAhead` asks for a later 30-second
 * step: a code may be used once, and the server accepts one step of clock drift.
 */
export function totpCode(secret: string, stepsAhead = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

/** A date as the app names its day: "Tue, Dec 1". */
export function dayName(date: string | undefined): string {
  return new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** Opens the Schedule page at the demo's adult substance use IOP, this week. */
export async function openAdultSchedule(page: Page): Promise<void> {
  await openNavigationIfCollapsed(page);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Schedule' })
    .click();
  await page.getByRole('heading', { name: 'Schedule', level: 1 }).waitFor();
  await page.getByRole('combobox', { name: 'Program' }).click();
  await page.getByRole('option', { name: 'Adult Substance Use IOP', exact: true }).click();
  await page.getByRole('heading', { name: /^This week: / }).waitFor();
}

/**
 * From the adult program's schedule, opens one of last week's sessions in the grid (the tile whose
 * name starts with `tile`, on `date`) and waits for its page titled `title`, which says it has taken
 * place; returns the session card.
 */
export async function openLastWeeksSession(page: Page, date: string, tile: RegExp, title: string) {
  await openAdultSchedule(page);
  await page.getByRole('button', { name: 'Previous week' }).click();
  await page.getByRole('heading', { name: /^Last week: / }).waitFor();
  await page
    .getByRole('region', { name: new RegExp(`^${dayName(date)}`) })
    .getByRole('link', { name: tile })
    .click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  const card = page.getByRole('region', { name: 'This session' });
  await card.getByText('Taken place', { exact: true }).waitFor();
  return card;
}
