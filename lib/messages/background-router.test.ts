import { describe, expect, it, vi } from 'vitest';
import { createBackgroundListener, createPortListener, routePageRequest, type ContentFrame, type ContentScriptHandlers, type MessageOrigin, type PageHandlers, type RouterBrowser } from './background-router';
import { PAGE_PORT_NAME, type PortOrigin, type RuntimePort } from './page-port';
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

  it.each([[{}], [{ type: 'tab.probe' }], [{ type: 'tab.probe', tabId: -1 }], [{ type: 'getPassword' }], ['status'], [{ type: 'entry.reveal', itemId: 'x', field: 'notes' }], [{ type: 'settings.set', autoLockMinutes: 0 }], [{ type: 'settings.set', clipboardClearSeconds: 10 }]])(
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

/** A port as the worker's onConnect sees it: what it posts back, and whether it was closed. */
function connectedPort(sender: PortOrigin, name = PAGE_PORT_NAME) {
  const listeners: Array<(message: unknown) => void> = [];
  const posted: unknown[] = [];
  const state = { disconnected: false };
  const port: RuntimePort = {
    name,
    sender,
    postMessage: (message) => void posted.push(message),
    disconnect: () => void (state.disconnected = true),
    onMessage: { addListener: (listener) => void listeners.push(listener) },
    onDisconnect: { addListener: () => undefined },
  };
  const send = (message: unknown) => listeners.forEach((listener) => listener(message));
  return { port, posted, state, send };
}

describe('createPortListener', () => {
  const listen = createPortListener(fakeBrowser(), handlers, explain);

  it('answers each request on an extension page’s port under its number, parsed as sendMessage ones are', async () => {
    const { port, posted, send } = connectedPort(popup);
    listen(port);
    send({ id: 1, request: { type: 'status' } });
    send({ id: 2, request: { type: 'entries.search', query: 42 } });
    await vi.waitFor(() => expect(posted).toHaveLength(2));
    expect(posted).toContainEqual({ id: 1, reply: { ok: true, value: STATUS } });
    expect(posted).toContainEqual({ id: 2, reply: { ok: false, error: { code: 'malformed', message: 'Malformed message.' } } });
  });

  it('closes a port a content script opened, without answering', async () => {
    const { port, posted, state, send } = connectedPort({ id: 'abcdef', url: 'https://evil.test/' });
    listen(port);
    send({ id: 1, request: { type: 'entry.reveal', itemId: 'item-1', field: 'password' } });
    expect(state.disconnected).toBe(true);
    expect(posted).toEqual([]);
  });

  it('leaves ports of other names to their own listeners', () => {
    const { port, state } = connectedPort(popup, 'something-else');
    listen(port);
    expect(state.disconnected).toBe(false);
  });
});

describe('createBackgroundListener with content script handlers', () => {
  const frames: ContentFrame[] = [];
  const contentHandlers: ContentScriptHandlers = {
    'autofill.pageState': async (_request, frame) => {
      frames.push(frame);
      return { showIcon: true, iconLabel: 'Keyhold' };
    },
    'autofill.menuOpened': async () => ({ opened: true }),
    'autofill.menuClosed': async () => ({ closed: true }),
    'save.captured': async () => ({ kept: true }),
    'save.succeeded': async () => ({ offered: false }),
    'save.pageLoaded': async () => ({ barToken: null }),
  };
  const listen = (message: unknown, sender: MessageOrigin) =>
    new Promise((resolve) => {
      createBackgroundListener(fakeBrowser(), handlers, explain, contentHandlers)(message, sender, resolve);
    });
  const contentScript = { id: 'abcdef', url: 'https://login.acme.test/signin', tab: { id: 9 }, frameId: 3 };

  it('answers a content script about its own frame, as the browser names it', async () => {
    expect(await listen({ type: 'autofill.pageState', url: 'https://bank.test/' }, contentScript)).toEqual({ ok: true, value: { showIcon: true, iconLabel: 'Keyhold' } });
    // The frame is the sender record's: a URL in the message is ignored.
    expect(frames.at(-1)).toEqual({ tabId: 9, frameId: 3, url: 'https://login.acme.test/signin' });
  });

  it('refuses a content script anything else, and anything from a sender without a tab', async () => {
    expect(await listen({ type: 'entry.reveal', itemId: 'x', field: 'password' }, contentScript)).toMatchObject({ ok: false, error: { code: 'malformed' } });
    expect(await listen({ type: 'status' }, contentScript)).toMatchObject({ ok: false, error: { code: 'malformed' } });
    expect(await listen({ type: 'autofill.pageState' }, { id: 'abcdef', url: 'https://login.acme.test/' })).toMatchObject({ ok: false, error: { code: 'forbiddenSender' } });
    expect(await listen({ type: 'autofill.pageState' }, { id: 'another-extension', url: 'https://login.acme.test/', tab: { id: 9 } })).toMatchObject({ ok: false, error: { code: 'forbiddenSender' } });
  });

  it('still routes extension pages to the page handlers', async () => {
    expect(await listen({ type: 'status' }, popup)).toEqual({ ok: true, value: STATUS });
  });
});
