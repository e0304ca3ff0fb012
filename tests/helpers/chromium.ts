import { chromium, type Browser, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
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
  /**
   * Stops the extension's service worker as Chrome does after 30 s idle (CDP
   * `ServiceWorker.stopWorker`) and resolves once Chrome reports it stopped. The next event (a
   * message, an alarm) starts a fresh worker. Do not `evaluate` in `worker` while it is stopped:
   * the call can hang (seen with Chromium 156); read storage from an extension page instead.
   */
  stopWorker(): Promise<void>;
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

type WorkerVersion = { versionId: string; scriptURL: string; runningStatus: string };

// Resolves with the first version of `scriptUrl` that `accept` takes, from the updates the
// ServiceWorker domain sends (it reports every known version as soon as it is enabled).
function versionUpdate(cdp: CDPSession, scriptUrl: string, accept: (version: WorkerVersion) => boolean, timeoutMs = 10_000): Promise<WorkerVersion> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cdp.off('ServiceWorker.workerVersionUpdated', listener);
      reject(new Error(`no service worker update for ${scriptUrl} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = ({ versions }: { versions: WorkerVersion[] }) => {
      const found = versions.find((version) => version.scriptURL === scriptUrl && accept(version));
      if (!found) return;
      clearTimeout(timer);
      cdp.off('ServiceWorker.workerVersionUpdated', listener);
      resolve(found);
    };
    cdp.on('ServiceWorker.workerVersionUpdated', listener);
  });
}

async function stopServiceWorker(context: BrowserContext, scriptUrl: string): Promise<void> {
  // The ServiceWorker domain lives on page targets; any page of the profile sees the extension's worker.
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  try {
    const known = versionUpdate(cdp, scriptUrl, () => true);
    await cdp.send('ServiceWorker.enable');
    const version = await known;
    if (version.runningStatus === 'stopped') return;
    const stopped = versionUpdate(cdp, scriptUrl, (update) => update.versionId === version.versionId && update.runningStatus === 'stopped');
    await cdp.send('ServiceWorker.stopWorker', { versionId: version.versionId });
    await stopped;
  } finally {
    await cdp.detach();
  }
}

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
    stopWorker: () => stopServiceWorker(context, worker.url()),
    close: () => context.close(),
  };
}

/** A fresh headless Chromium with no extension and an empty profile, as a recipient's browser. */
export async function launchPlainChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('No Chromium found: install Debian chromium or set CHROMIUM_PATH.');
  return chromium.launch({ executablePath, headless: true, args: ARGS });
}
