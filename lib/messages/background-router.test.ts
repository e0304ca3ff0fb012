import { describe, expect, it } from 'vitest';
import { routePageRequest, type PageHandlers, type RouterBrowser } from './background-router';
import type { ReplyError, StatusReply } from './protocol';

const EXTENSION_ORIGIN = 'chrome-extension://abcdef/';

function fakeBrowser(overrides: Partial<RouterBrowser['tabs']> = {}): RouterBrowser {
  return {
    runtime: { id: 'abcdef', getURL: (path) => new URL(path, EXTENSION_ORIGIN).href },
    tabs: {
      get: async () => ({ url: 'https://login.acme.test/signin?next=/' }),
      sendMessage: async () => ({ ready: true, href: 'https://login.acme.test/signin' }),
      ...overrides,
    },
  };
}

const STATUS = { version: '1.2.3', serverUrl: 'https://vault.acme.test', state: 'locked' } as StatusReply;

/** Handlers that answer status and fail everything else the way the session does. */
const handlers = new Proxy({} as PageHandlers, {
  get: (_, type) => (type === 'status' ? async () => STATUS : async () => Promise.reject(new Error(`no ${String(type)}`))),
});
const explain = (error: unknown): ReplyError => ({ code: 'internal', message: (error as Error).message });

const popup = { id: 'abcdef', url: `${EXTENSION_ORIGIN}popup.html` };
const route = (browser: RouterBrowser, message: unknown, sender: { id?: string; url?: string }) => routePageRequest(browser, handlers, explain, message, sender);

describe('routePageRequest', () => {
  it('passes a well-formed request from an extension page to its handler', async () => {
    expect(await route(fakeBrowser(), { type: 'status' }, popup)).toEqual({ ok: true, value: STATUS });
  });

  it('turns a handler failure into an error reply with a code', async () => {
    expect(await route(fakeBrowser(), { type: 'session.lock' }, popup)).toEqual({ ok: false, error: { code: 'internal', message: 'no session.lock' } });
  });

  it('refuses page requests from a content script, which shares our id but not our origin', async () => {
    const contentScript = { id: 'abcdef', url: 'https://evil.test/' };
    expect(await route(fakeBrowser(), { type: 'entry.reveal', itemId: 'item-1', field: 'password' }, contentScript)).toMatchObject({ ok: false, error: { code: 'forbiddenSender' } });
  });

  it('refuses messages from another extension', async () => {
    expect(await route(fakeBrowser(), { type: 'status' }, { id: 'other', url: `${EXTENSION_ORIGIN}popup.html` })).toMatchObject({ ok: false, error: { code: 'forbiddenSender' } });
  });

  it.each([[{}], [{ type: 'tab.probe' }], [{ type: 'tab.probe', tabId: -1 }], [{ type: 'getPassword' }], ['status'], [{ type: 'entry.reveal', itemId: 'x', field: 'notes' }], [{ type: 'settings.set', autoLockMinutes: 0 }]])(
    'refuses malformed %j',
    async (message) => {
      expect(await route(fakeBrowser(), message, popup)).toMatchObject({ ok: false, error: { code: 'malformed' } });
    },
  );

  it('reports the origin the browser gives for the tab, not the one the content script claims', async () => {
    const browser = fakeBrowser({ sendMessage: async () => ({ ready: true, href: 'https://bank.test/' }) });
    expect(await route(browser, { type: 'tab.probe', tabId: 7 }, popup)).toEqual({ ok: true, value: { contentScript: true, origin: 'https://login.acme.test' } });
  });

  it('reports no content script when the tab does not answer', async () => {
    const browser = fakeBrowser({ sendMessage: async () => Promise.reject(new Error('Receiving end does not exist.')) });
    expect(await route(browser, { type: 'tab.probe', tabId: 7 }, popup)).toEqual({ ok: true, value: { contentScript: false, origin: 'https://login.acme.test' } });
  });
});
