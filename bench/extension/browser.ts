import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import type { PageReplies, PageRequest, Reply } from '../../lib/messages/protocol';
import { chromiumPath, launchChromium, type ChromiumHarness } from '../../tests/helpers/chromium';
import { EXTENSION_DIRS } from '../../tests/helpers/paths';

// The extension as the benchmark drives it: real Chromium with the Chrome build loaded, one
// extension page kept open to send the popup's typed messages, and a handle on the service worker
// (re-found if Chrome restarted it) for code that must run in the worker itself.

/** What code passed to `evaluate()` in an extension page uses; only the cast is erased, so it serialises to `globalThis.chrome`. */
export interface PageGlobals {
  chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
}

/** A running browser with the extension, and a typed channel to its worker. */
export interface ExtensionBrowser {
  harness: ChromiumHarness;
  /** Sends one page request from an extension page; throws with the worker's code and message on failure. */
  send<R extends PageRequest>(request: R): Promise<PageReplies[R['type']]>;
  /** The extension page the messages go from, for code that times a sequence of messages in the page. */
  driver: Page;
  /** The live service worker (Chrome may have restarted it since launch). */
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

/** Throws a message saying what to install or build when the benchmark cannot run here. */
export function checkPrerequisites(extensionDir: string = EXTENSION_DIRS.chrome): void {
  if (!chromiumPath()) throw new Error('No Chromium found: `apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium or Chrome binary.');
  if (!existsSync(join(extensionDir, 'manifest.json')) || !existsSync(join(extensionDir, 'popup.html'))) {
    throw new Error(`No built Chrome extension in ${extensionDir}: run \`npx wxt build -b chrome\` first.`);
  }
}

/** Launches Chromium with the extension built in `extensionDir` and opens the driver page. */
export async function launchExtensionBrowser(extensionDir: string = EXTENSION_DIRS.chrome): Promise<ExtensionBrowser> {
  checkPrerequisites(extensionDir);
  const harness = await launchChromium(extensionDir);
  try {
    const driver = await harness.openExtensionPage('popup.html');
    const send = async <R extends PageRequest>(request: R): Promise<PageReplies[R['type']]> => {
      const reply = (await driver.evaluate((message) => (globalThis as unknown as PageGlobals).chrome.runtime.sendMessage(message), request as PageRequest)) as Reply<PageReplies[R['type']]> | undefined;
      if (!reply) throw new Error(`${request.type}: the worker did not answer`);
      if (!reply.ok) throw new Error(`${request.type}: ${reply.error.code}: ${reply.error.message}`);
      return reply.value;
    };
    const worker = async () => harness.context.serviceWorkers()[0] ?? (await harness.context.waitForEvent('serviceworker', { timeout: 10_000 }));
    return { harness, send, driver, worker, close: () => harness.close() };
  } catch (error) {
    await harness.close();
    throw error;
  }
}
