import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { EXTENSION_DIRS, firstExisting } from './paths';

/** Chromium to test with: `CHROMIUM_PATH`, Debian's, or Playwright's own download on a laptop. */
export function chromiumPath(): string | undefined {
  let playwrightOwn: string | undefined;
  try {
    playwrightOwn = chromium.executablePath();
  } catch {
    playwrightOwn = undefined;
  }
  return firstExisting([process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', playwrightOwn]);
}

/** A Chromium with the built extension loaded: its worker, its id and a blank page to drive. */
export interface ChromiumHarness {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  page: Page;
  /** Opens `chrome-extension://<id>/<path>` in a new tab. */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

// The background-networking flags keep Chromium from dialling out on this closed network;
// the resolver rule sends every *.test name to loopback so tests can use realistic sites.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP *.test 127.0.0.1',
];

/** Launches headless Chromium with the extension in `extensionDir` (default: the Chrome build). */
export async function launchChromium(extensionDir: string = EXTENSION_DIRS.chrome): Promise<ChromiumHarness> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('No Chromium found: install Debian chromium or set CHROMIUM_PATH.');
  const context = await chromium.launchPersistentContext('', {
    executablePath,
    headless: true,
    args: [...ARGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    worker,
    extensionId,
    page,
    openExtensionPage: async (path) => {
      const extensionPage = await context.newPage();
      await extensionPage.goto(`chrome-extension://${extensionId}/${path}`);
      return extensionPage;
    },
    close: () => context.close(),
  };
}
