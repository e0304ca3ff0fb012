import { describe, expect } from 'vitest';
import type { ExtensionGlobals } from './extension-api';
import { firefoxTest as test, hasFirefox } from './fixtures';

// The popup on a fresh install in Firefox, with no server anywhere: the first-run screen, its
// address check, the background's answer for a server that is not there, and the language setting.

const HEADING = 'h1';
const ALERT = '[role="alert"]';
const textContent = (element: Element) => element.textContent;

describe.skipIf(!hasFirefox)('popup in Firefox', () => {
  test('opens on the first-run screen with the focus in the server address', async ({ firefox }) => {
    const popup = await firefox.openExtensionPage('popup.html', '[data-screen="first-run"]');
    expect(await popup.$eval(HEADING, textContent)).toBe('Connect to your Keyhold server');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('url');
    await popup.close();
  });

  test('refuses an http:// address that is not localhost', async ({ firefox }) => {
    const popup = await firefox.openExtensionPage('popup.html', '[data-screen="first-run"] input');
    await popup.type('[data-screen="first-run"] input', 'http://vault.acme.test');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector(ALERT);
    expect(await popup.$eval(ALERT, textContent)).toBe('The address must start with https:// (http:// is allowed only for localhost).');
    await popup.close();
  });

  test('says when the background cannot reach the server', async ({ firefox }) => {
    const popup = await firefox.openExtensionPage('popup.html', '[data-screen="first-run"] input');
    // Nothing listens on port 9 of this machine (discard): the connection is refused at once.
    await popup.type('[data-screen="first-run"] input', 'http://localhost:9');
    await popup.click('button[type="submit"]');
    await popup.waitForSelector(ALERT, { timeout: 15_000 });
    expect(await popup.$eval(ALERT, textContent)).toBe('Could not reach the server. Check the address and your connection.');
    await popup.close();
  });

  test('speaks the language chosen in the settings', async ({ firefox }) => {
    const setup = await firefox.openExtensionPage('popup.html', '[data-screen="first-run"]');
    await setup.evaluate(() => (globalThis as unknown as ExtensionGlobals).browser.storage.local.set({ settings: { language: 'de' } }));
    await setup.close();
    const popup = await firefox.openExtensionPage('popup.html', 'html[lang="de"] [data-screen="first-run"]');
    expect(await popup.$eval(HEADING, textContent)).toBe('Mit Ihrem Keyhold-Server verbinden');
    await popup.evaluate(() => (globalThis as unknown as ExtensionGlobals).browser.storage.local.clear());
    await popup.close();
  });
});
