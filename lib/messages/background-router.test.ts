import { describe, expect, it } from 'vitest';
import { routePageRequest, type RouterBrowser } from './background-router';

const EXTENSION_ORIGIN = 'chrome-extension://abcdef/';

function fakeBrowser(overrides: Partial<RouterBrowser['tabs']> = {}): RouterBrowser {
  const stored: Record<string, unknown> = { settings: { serverUrl: 'https://vault.acme.test' } };
  return {
    runtime: { id: 'abcdef', getManifest: () => ({ version: '1.2.3' }), getURL: (path) => new URL(path, EXTENSION_ORIGIN).href },
    storage: { local: { get: async (key) => ({ [key]: stored[key] }), set: async () => undefined } },
    tabs: {
      get: async () => ({ url: 'https://login.acme.test/signin?next=/' }),
      sendMessage: async () => ({ ready: true, href: 'https://login.acme.test/signin' }),
      ...overrides,
    },
  };
}

const popup = { id: 'abcdef', url: `${EXTENSION_ORIGIN}popup.html` };

describe('routePageRequest', () => {
  it('answers status with the manifest version and the stored server URL', async () => {
    expect(await routePageRequest(fakeBrowser(), { type: 'status' }, popup)).toEqual({
      ok: true,
      value: { version: '1.2.3', serverUrl: 'https://vault.acme.test' },
    });
  });

  it('refuses page requests from a content script, which shares our id but not our origin', async () => {
    const contentScript = { id: 'abcdef', url: 'https://evil.test/' };
    expect(await routePageRequest(fakeBrowser(), { type: 'status' }, contentScript)).toMatchObject({ ok: false });
  });

  it('refuses messages from another extension', async () => {
    expect(await routePageRequest(fakeBrowser(), { type: 'status' }, { id: 'other', url: `${EXTENSION_ORIGIN}popup.html` })).toMatchObject({ ok: false });
  });

  it.each([[{}], [{ type: 'tab.probe' }], [{ type: 'tab.probe', tabId: -1 }], [{ type: 'getPassword' }], ['status']])('refuses malformed %j', async (message) => {
    expect(await routePageRequest(fakeBrowser(), message, popup)).toEqual({ ok: false, error: 'Malformed message.' });
  });

  it('reports the origin the browser gives for the tab, not the one the content script claims', async () => {
    const browser = fakeBrowser({ sendMessage: async () => ({ ready: true, href: 'https://bank.test/' }) });
    expect(await routePageRequest(browser, { type: 'tab.probe', tabId: 7 }, popup)).toEqual({
      ok: true,
      value: { contentScript: true, origin: 'https://login.acme.test' },
    });
  });

  it('reports no content script when the tab does not answer', async () => {
    const browser = fakeBrowser({ sendMessage: async () => Promise.reject(new Error('Receiving end does not exist.')) });
    expect(await routePageRequest(browser, { type: 'tab.probe', tabId: 7 }, popup)).toEqual({
      ok: true,
      value: { contentScript: false, origin: 'https://login.acme.test' },
    });
  });
});
