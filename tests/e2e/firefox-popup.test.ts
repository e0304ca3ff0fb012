import { describe, expect } from 'vitest';
import type { ExtensionGlobals } from './extension-api';
import packageJson from '../../package.json' with { type: 'json' };
import { firefoxTest as test, hasFirefox } from './fixtures';

describe.skipIf(!hasFirefox)('popup in Firefox', () => {
  test('shows the version and that no server is set on a fresh install', async ({ firefox }) => {
    const popup = await firefox.openExtensionPage('popup.html', '[data-testid="server-state"]');
    expect(await popup.$eval('[data-testid="version"]', (element) => element.textContent)).toBe(`v${packageJson.version}`);
    expect(await popup.$eval('[data-testid="server-state"]', (element) => element.textContent)).toBe('No server set yet.');
    await popup.close();
  });

  test('shows the server URL once one is stored', async ({ firefox }) => {
    const setup = await firefox.openExtensionPage('popup.html', '[data-testid="server-state"]');
    await setup.evaluate(() => (globalThis as unknown as ExtensionGlobals).browser.storage.local.set({ settings: { serverUrl: 'https://vault.acme.test' } }));
    await setup.close();
    const popup = await firefox.openExtensionPage('popup.html', '[data-configured="true"]');
    expect(await popup.$eval('[data-testid="server-state"]', (element) => element.textContent)).toBe('Server: https://vault.acme.test');
    await popup.evaluate(() => (globalThis as unknown as ExtensionGlobals).browser.storage.local.clear());
    await popup.close();
  });
});
