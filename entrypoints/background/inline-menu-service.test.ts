import { describe, expect, it, vi } from 'vitest';
import { catalogFileTranslators } from '../../lib/i18n/catalog-files';
import { catalogFetch } from '../../lib/i18n/testing/catalog-fetch';
import { memoryArea } from '../../lib/settings/memory-area';
import { SessionError } from '../../lib/session/session-error';
import type { FillTabs } from './fill-entry';
import { createInlineMenuService } from './inline-menu-service';

// The worker's side of the inline menu with the browser faked: which menu frame it serves (the one
// its content script made, by the token in its URL), for which frame of the page, and what survives
// the worker being stopped between the menu opening and the click.

const MENU_PAGE = 'chrome-extension://keyhold/inline-menu.html';
const TOKEN = 'aaaaaaaaaaaaaaaaaaaaaa';
const LOGIN_FRAME = { tabId: 7, frameId: 3, url: 'https://login.acme.test/signin' };
const fileTranslators = catalogFileTranslators(catalogFetch);

function fakes(frameUrl = LOGIN_FRAME.url) {
  const asked: string[] = [];
  const sent: unknown[] = [];
  const tabs: FillTabs = {
    get: async () => ({ url: 'https://www.acme.test/' }),
    sendMessage: async (_tabId, message) => (sent.push(message), (message as { type: string }).type === 'content.fillNewPassword' ? { filled: ['newPassword', 'currentPassword'] } : { closed: true }),
    getAllFrames: async () => [
      { frameId: 0, parentFrameId: -1, url: 'https://www.acme.test/' },
      { frameId: 3, parentFrameId: 0, url: frameUrl },
    ],
  };
  const session = {
    hasMenuEntries: async () => true,
    menuEntries: async (pageUrl: string) => (asked.push(pageUrl), [{ itemId: 'item-1', name: 'Acme', login: 'ana', equivalentSite: null }]),
    autofillValues: async (itemId: string, pageUrl: string, _insecure: boolean, checks: { enclosedBy?: readonly string[] } = {}) => {
      // The entry is acme.test's: the frame and every frame around it must be.
      if (![pageUrl, ...(checks.enclosedBy ?? [])].every((url) => new URL(url).hostname.endsWith('acme.test'))) throw new SessionError('notForThisSite', 'not this site');
      return { origin: new URL(pageUrl).origin, login: 'ana', password: `the current one of ${itemId}`, passwordFieldId: 'password', totp: null, totpFieldId: null };
    },
    reportFill: () => undefined,
    settings: async () => ({ serverUrl: null, language: 'en' as const, autoLockMinutes: 15, clipboardClearSeconds: 30, domainGroups: [], neverSave: [] }),
    isUnlocked: async () => true,
    suggestPassword: async (pageUrl: string, rules: string | null) => ({ password: `made for ${new URL(pageUrl).hostname} under ${rules}`, site: 'acme.test' }),
    currentEntryFor: async () => ({ itemId: 'item-1', name: 'Acme' }),
  };
  return { tabs, session, asked, sent };
}

/** The menu page framed in tab 7, as the browser names the sender. */
const menuSender = (url = `${MENU_PAGE}#${TOKEN}`) => ({ id: 'keyhold', url, tab: { id: 7 }, frameId: 12 });

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SessionError) return error.code;
    throw error;
  }
  return 'served';
}

describe('the inline menu service', () => {
  it('names the icon in the language the user chose, for what the box is for, from the catalog file', async () => {
    // A worker has navigator; Node 20 does not. "auto" would follow these, the user's choice wins.
    vi.stubGlobal('navigator', { languages: ['fr-FR'] });
    const { tabs, session } = fakes();
    const menu = createInlineMenuService(session, tabs, MENU_PAGE, memoryArea(), fileTranslators);
    expect(await menu.pageState(LOGIN_FRAME)).toEqual({ showIcon: true, iconLabel: 'Keyhold: choose a login' });
    expect(await menu.pageState(LOGIN_FRAME, true)).toEqual({ showIcon: true, iconLabel: 'Keyhold: suggest a strong password' });
    const german = { ...session, settings: async () => ({ ...(await session.settings()), language: 'de' as const }) };
    expect((await createInlineMenuService(german, tabs, MENU_PAGE, memoryArea(), fileTranslators).pageState(LOGIN_FRAME)).iconLabel).toBe('Keyhold: Anmeldung wählen');
    vi.unstubAllGlobals();
  });

  it('serves the menu frame its content script made, for the frame that opened it', async () => {
    const { tabs, session, asked } = fakes();
    const menu = createInlineMenuService(session, tabs, MENU_PAGE, memoryArea(), fileTranslators);
    expect(await code(menu.entries(menuSender()))).toBe('notForThisSite');
    await menu.menuOpened(LOGIN_FRAME, TOKEN);
    expect(await menu.entries(menuSender())).toHaveLength(1);
    expect(asked).toEqual([LOGIN_FRAME.url]);
  });

  it('refuses a copy of the menu page the page framed itself, and anything that is not the menu page', async () => {
    const { tabs, session, asked } = fakes();
    const menu = createInlineMenuService(session, tabs, MENU_PAGE, memoryArea(), fileTranslators);
    await menu.menuOpened(LOGIN_FRAME, TOKEN);
    expect(await code(menu.entries(menuSender(MENU_PAGE)))).toBe('forbiddenSender');
    expect(await code(menu.entries(menuSender(`${MENU_PAGE}#bbbbbbbbbbbbbbbbbbbbbb`)))).toBe('forbiddenSender');
    expect(await code(menu.entries({ ...menuSender(), url: `https://evil.test/#${TOKEN}` }))).toBe('forbiddenSender');
    expect(await code(menu.entries({ ...menuSender(), frameId: 0 }))).toBe('forbiddenSender');
    expect(asked).toEqual([]);
  });

  it('still serves the open menu after the worker was stopped and started again', async () => {
    const area = memoryArea();
    const first = fakes();
    await createInlineMenuService(first.session, first.tabs, MENU_PAGE, area, fileTranslators).menuOpened(LOGIN_FRAME, TOKEN);
    const restarted = fakes();
    expect(await createInlineMenuService(restarted.session, restarted.tabs, MENU_PAGE, area, fileTranslators).entries(menuSender())).toHaveLength(1);
  });

  it('forgets the menu when its own frame closes it or the tab goes, not when another frame closes one', async () => {
    const { tabs, session } = fakes();
    const area = memoryArea();
    const menu = createInlineMenuService(session, tabs, MENU_PAGE, area, fileTranslators);
    await menu.menuOpened(LOGIN_FRAME, TOKEN);
    await menu.menuClosed({ ...LOGIN_FRAME, frameId: 0 });
    expect(await code(menu.entries(menuSender()))).toBe('served');
    await menu.menuClosed(LOGIN_FRAME);
    expect(await code(menu.entries(menuSender()))).toBe('notForThisSite');
    await menu.menuOpened(LOGIN_FRAME, TOKEN);
    menu.forgetTab(7);
    await expect.poll(() => area.items.size).toBe(0);
  });

  it('serves nothing once the frame that opened the menu has navigated away', async () => {
    const { tabs, session } = fakes('https://evil.test/');
    const menu = createInlineMenuService(session, tabs, MENU_PAGE, memoryArea(), fileTranslators);
    await menu.menuOpened(LOGIN_FRAME, TOKEN);
    expect(await code(menu.entries(menuSender()))).toBe('notForThisSite');
  });

  it('suggests one password for a new-password box and fills that very one, with the current password of a change form', async () => {
    const { tabs, session, sent } = fakes();
    const menu = createInlineMenuService(session, tabs, MENU_PAGE, memoryArea(), fileTranslators);
    await menu.menuOpened(LOGIN_FRAME, TOKEN);
    expect(await code(menu.suggestion(menuSender()))).toBe('malformed');
    await menu.menuOpened(LOGIN_FRAME, TOKEN, { rules: 'minlength: 20;', hasCurrent: true });
    // The menu names the entry whose current password goes in too.
    expect(await menu.suggestion(menuSender())).toEqual({ password: 'made for login.acme.test under minlength: 20;', site: 'acme.test', currentFor: 'Acme' });
    expect(await menu.useSuggestion(menuSender())).toEqual({ filled: ['newPassword', 'currentPassword'] });
    expect(sent).toEqual([{ type: 'content.fillNewPassword', origin: 'https://login.acme.test', password: 'made for login.acme.test under minlength: 20;', current: 'the current one of item-1' }]);
    // Used once: the same suggestion is not put in again.
    expect(await code(menu.useSuggestion(menuSender()))).toBe('malformed');
  });

  it('puts the current password into no frame that another site’s page encloses', async () => {
    const { session, sent } = fakes();
    const tabs: FillTabs = {
      get: async () => ({ url: 'https://evil.test/' }),
      sendMessage: async (_tabId, message) => (sent.push(message), { filled: ['newPassword'] }),
      getAllFrames: async () => [
        { frameId: 0, parentFrameId: -1, url: 'https://evil.test/' },
        { frameId: 3, parentFrameId: 0, url: LOGIN_FRAME.url },
      ],
    };
    const menu = createInlineMenuService(session, tabs, MENU_PAGE, memoryArea(), fileTranslators);
    await menu.menuOpened(LOGIN_FRAME, TOKEN, { rules: null, hasCurrent: true });
    await menu.suggestion(menuSender());
    expect(await code(menu.useSuggestion(menuSender()))).toBe('notForThisSite');
    expect(sent).toEqual([]);
  });
});
