import { describe, expect } from 'vitest';
import type { ExtensionGlobals } from './extension-api';
import type { Page } from 'playwright-core';
import { chromiumTest as test, hasChromium } from './fixtures';

// popup → background → content script → background → popup, on real pages.
async function probeFromPopup(popup: Page, pageUrl: string): Promise<unknown> {
  return popup.evaluate(async (url) => {
    const tab = (await (globalThis as unknown as ExtensionGlobals).chrome.tabs.query({})).find((candidate) => candidate.url === url);
    if (tab?.id === undefined) throw new Error(`no tab for ${url}`);
    return (globalThis as unknown as ExtensionGlobals).chrome.runtime.sendMessage({ type: 'tab.probe', tabId: tab.id });
  }, pageUrl);
}

describe.skipIf(!hasChromium)('messaging in Chromium', () => {
  test('the content script on a localhost page answers a probe from the popup', async ({ chromium, site }) => {
    const page = await chromium.context.newPage();
    await page.goto(site.url('login-basic.html'));
    const popup = await chromium.openExtensionPage('popup.html');
    await expect
      .poll(() => probeFromPopup(popup, site.url('login-basic.html')))
      .toEqual({ ok: true, value: { contentScript: true, origin: `http://localhost:${site.port}` } });
    await Promise.all([page.close(), popup.close()]);
  });

  test('the origin comes from the browser for a *.test site', async ({ chromium, site }) => {
    const page = await chromium.context.newPage();
    await page.goto(site.url('login-basic.html', 'login.acme.test'));
    const popup = await chromium.openExtensionPage('popup.html');
    await expect
      .poll(() => probeFromPopup(popup, site.url('login-basic.html', 'login.acme.test')))
      .toEqual({ ok: true, value: { contentScript: true, origin: `http://login.acme.test:${site.port}` } });
    await Promise.all([page.close(), popup.close()]);
  });

  test('a web page cannot message the extension', async ({ chromium, site }) => {
    const page = await chromium.context.newPage();
    await page.goto(site.url('login-basic.html'));
    // No externally_connectable: the page's own scripts see no chrome.runtime.sendMessage.
    expect(await page.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage)).toBe('undefined');
    await page.close();
  });
});
