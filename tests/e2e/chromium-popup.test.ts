import { describe, expect } from 'vitest';
import type { ExtensionGlobals } from './extension-api';
import packageJson from '../../package.json' with { type: 'json' };
import { chromiumTest as test, hasChromium } from './fixtures';

describe.skipIf(!hasChromium)('popup in Chromium', () => {
  test('shows the version and that no server is set on a fresh install', async ({ chromium }) => {
    const popup = await chromium.openExtensionPage('popup.html');
    await expect.poll(() => popup.getByTestId('version').textContent()).toBe(`v${packageJson.version}`);
    await expect.poll(() => popup.getByTestId('server-state').textContent()).toBe('No server set yet.');
    await popup.close();
  });

  test('shows the server URL once one is stored', async ({ chromium }) => {
    await chromium.worker.evaluate(() => (globalThis as unknown as ExtensionGlobals).chrome.storage.local.set({ settings: { serverUrl: 'https://vault.acme.test' } }));
    const popup = await chromium.openExtensionPage('popup.html');
    await expect.poll(() => popup.getByTestId('server-state').textContent()).toBe('Server: https://vault.acme.test');
    await chromium.worker.evaluate(() => (globalThis as unknown as ExtensionGlobals).chrome.storage.local.clear());
    await popup.close();
  });
});
