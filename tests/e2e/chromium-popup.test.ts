import { describe, expect } from 'vitest';
import type { ExtensionGlobals } from './extension-api';
import { chromiumTest as test, hasChromium } from './fixtures';

// The popup on a fresh install, with no server anywhere: the first-run screen, its address checks,
// the background's answer for a server that is not there, the language setting, and the offscreen
// document that clears a copied password. The flows that need a server (sign-up, unlock, copy) run
// in the extension's end-to-end suite against a real one.

describe.skipIf(!hasChromium)('popup in Chromium', () => {
  test('opens on the first-run screen with the focus in the server address', async ({ chromium }) => {
    const popup = await chromium.openExtensionPage('popup.html');
    await expect.poll(() => popup.getByRole('heading', { level: 1 }).textContent()).toBe('Connect to your Keyhold server');
    await expect.poll(() => popup.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('url');
    await popup.close();
  });

  test('refuses an http:// address that is not localhost', async ({ chromium }) => {
    const popup = await chromium.openExtensionPage('popup.html');
    await popup.getByLabel('Server address').fill('http://vault.acme.test');
    await popup.keyboard.press('Enter');
    await expect.poll(() => popup.getByRole('alert').textContent()).toBe('The address must start with https:// (http:// is allowed only for localhost).');
    await popup.close();
  });

  test('says when the background cannot reach the server', async ({ chromium }) => {
    const popup = await chromium.openExtensionPage('popup.html');
    // Nothing listens on port 9 of this machine (discard): the connection is refused at once.
    await popup.getByLabel('Server address').fill('http://localhost:9');
    await popup.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => popup.getByRole('alert').textContent(), { timeout: 15_000 }).toBe('Could not reach the server. Check the address and your connection.');
    await popup.close();
  });

  test('speaks the language chosen in the settings', async ({ chromium }) => {
    await chromium.worker.evaluate(() => (globalThis as unknown as ExtensionGlobals).chrome.storage.local.set({ settings: { language: 'de' } }));
    const popup = await chromium.openExtensionPage('popup.html');
    await expect.poll(() => popup.getByRole('heading', { level: 1 }).textContent()).toBe('Mit Ihrem Keyhold-Server verbinden');
    await expect.poll(() => popup.evaluate(() => document.documentElement.lang)).toBe('de');
    await chromium.worker.evaluate(() => (globalThis as unknown as ExtensionGlobals).chrome.storage.local.clear());
    await popup.close();
  });

  test('the offscreen document empties the clipboard only while it holds the copied value', async ({ chromium }) => {
    const popup = await chromium.openExtensionPage('popup.html');
    await popup.bringToFront();
    await popup.evaluate(() => navigator.clipboard.writeText('s3cret'));
    // What entrypoints/background/clipboard.ts does on its alarm, spelled out for the worker: a salted
    // SHA-256 of the copied value goes to the document; only a yes/no comes back.
    const clearIfHolds = (value: string) =>
      chromium.worker.evaluate(async (value) => {
        const chrome = (globalThis as unknown as ExtensionGlobals).chrome;
        const salt = 'e2e';
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}:${value}`)));
        const sha256 = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
        await chrome.offscreen.createDocument({ url: 'offscreen.html', reasons: ['CLIPBOARD'], justification: 'e2e' });
        try {
          return await chrome.runtime.sendMessage({ target: 'keyhold.offscreen', type: 'clipboard.clearIfHolds', fingerprint: { salt, sha256 } });
        } finally {
          await chrome.offscreen.closeDocument();
        }
      }, value);
    expect(await clearIfHolds('something else')).toEqual({ cleared: false });
    expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe('s3cret');
    expect(await clearIfHolds('s3cret')).toEqual({ cleared: true });
    expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe('');
    await popup.close();
  });
});
