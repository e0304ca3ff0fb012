import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { EXTENSION_DIRS, firstExisting } from './paths';

/** The add-on id in the Firefox manifest (wxt.config.ts). */
export const GECKO_ID = 'keyhold@keyhold.dev';
// Fixing the internal UUID lets tests address moz-extension:// pages without asking Firefox.
const EXTENSION_UUID = '6f1c5d0e-3b7a-4c2e-9a57-0c1e2d3f4a5b';

/** Firefox to test with: `FIREFOX_PATH`, or Debian's firefox-esr. */
export function firefoxPath(): string | undefined {
  return firstExisting([process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox']);
}

/** A headless Firefox with the built extension installed as a temporary add-on. */
export interface FirefoxHarness {
  browser: Browser;
  extensionOrigin: string;
  /** Opens `moz-extension://<uuid>/<path>` and waits until `readySelector` is on the page. */
  openExtensionPage(path: string, readySelector: string): Promise<Page>;
  close(): Promise<void>;
}

// Puppeteer wraps the protocol error two levels deep ("Waiting for selector … failed" ← "Waiting
// failed" ← "Protocol error (script.evaluate): …"), so look through the whole cause chain.
function messagesOf(error: unknown): string {
  const messages: string[] = [];
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 5; depth += 1) {
    messages.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return messages.join(' ← ');
}

// A wait that starts while about:blank is being replaced can die with its realm ("Protocol error
// (script.evaluate)") instead of carrying on in the new document; start it again until the deadline.
async function waitForSelectorAcrossNavigation(page: Page, selector: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await page.waitForSelector(selector, { timeout: Math.max(1, deadline - Date.now()) });
      return;
    } catch (error) {
      const realmDied = error instanceof Error && /protocol error|context|realm/i.test(messagesOf(error));
      if (!realmDied || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Extra start-up options for `launchFirefox`. */
export interface FirefoxLaunchOptions {
  /** Preferences for the profile, e.g. `extensions.background.idle.timeout` to have idle event pages suspended sooner. */
  prefs?: Record<string, unknown>;
}

/** Launches firefox-esr over WebDriver BiDi (puppeteer-core) and installs `extensionDir`. */
export async function launchFirefox(extensionDir: string = EXTENSION_DIRS.firefox, options: FirefoxLaunchOptions = {}): Promise<FirefoxHarness> {
  const executablePath = firefoxPath();
  if (!executablePath) throw new Error('No Firefox found: install Debian firefox-esr or set FIREFOX_PATH.');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { ...options.prefs, 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }) },
  });
  await browser.installExtension(extensionDir);
  const extensionOrigin = `moz-extension://${EXTENSION_UUID}`;
  return {
    browser,
    extensionOrigin,
    openExtensionPage: async (path, readySelector) => {
      const page = await browser.newPage();
      // Firefox never reports the load of a moz-extension:// page over BiDi, so goto would hang:
      // start the navigation, then wait for the page's own content instead.
      void page.goto(`${extensionOrigin}/${path}`, { timeout: 3000 }).catch(() => undefined);
      await waitForSelectorAcrossNavigation(page, readySelector, 15_000);
      return page;
    },
    close: () => browser.close(),
  };
}

/** A headless Firefox with no add-on and a fresh profile, as a recipient's browser. */
export async function launchPlainFirefox(): Promise<Browser> {
  const executablePath = firefoxPath();
  if (!executablePath) throw new Error('No Firefox found: install Debian firefox-esr or set FIREFOX_PATH.');
  return puppeteer.launch({ browser: 'firefox', executablePath, headless: true });
}
