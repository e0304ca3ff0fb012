import { describe, expect } from 'vitest';
import type { ExtensionGlobals } from './extension-api';
import { firefoxTest as test, hasFirefox } from './fixtures';

describe.skipIf(!hasFirefox)('messaging in Firefox', () => {
  test('the content script on a localhost page answers a probe from the popup', async ({ firefox, site }) => {
    const page = await firefox.browser.newPage();
    await page.goto(site.url('login-basic.html'));
    const popup = await firefox.openExtensionPage('popup.html', '[data-screen="first-run"]');
    const probe = (url: string) =>
      popup.evaluate(async (target) => {
        // Firefox match patterns cannot name a port, so match the exact URL here instead.
        const tab = (await (globalThis as unknown as ExtensionGlobals).browser.tabs.query({})).find((candidate) => candidate.url === target);
        if (tab?.id === undefined) throw new Error(`no tab for ${target}`);
        return (globalThis as unknown as ExtensionGlobals).browser.runtime.sendMessage({ type: 'tab.probe', tabId: tab.id });
      }, url);
    await expect
      .poll(() => probe(site.url('login-basic.html')), { timeout: 15_000 })
      .toEqual({ ok: true, value: { contentScript: true, origin: `http://localhost:${site.port}` } });
    await Promise.all([page.close(), popup.close()]);
  });
});
