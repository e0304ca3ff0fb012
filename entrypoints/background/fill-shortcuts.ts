import { browser } from '#imports';
import { errorText } from '../../lib/i18n/error-text';
import type { Translate } from '../../lib/i18n/format-message';
import { resolveLanguage, type Language, type LanguageSetting } from '../../lib/i18n/languages';
import { BackgroundError } from '../../lib/messages/send';
import { toReplyError } from '../../lib/session/session-error';
import type { createGestureFill } from './gesture-fill';

// The keyboard shortcuts and the context menu item that fill without opening the popup. There is
// no page of ours to explain a refusal in, so the toolbar button says it: a "!" badge on that tab,
// with the reason as its tooltip, until the next fill there or a few seconds pass.

export const FILL_COMMAND = 'fill-login';
export const FILL_NEXT_COMMAND = 'fill-next-login';
const MENU_ID = 'keyhold-fill';
const BADGE_MS = 6_000;

type GestureFill = ReturnType<typeof createGestureFill>;

/**
 * `asActivity` runs each fill the way every page request runs: locked first if the idle time passed
 * while the worker slept, then counted as use.
 */
export function createFillShortcuts(
  gesture: GestureFill,
  language: () => Promise<LanguageSetting>,
  asActivity: <T>(work: () => Promise<T>) => Promise<T>,
  translatorFor: (language: Language) => Promise<Translate>,
) {
  /** Per tab, the timer that will clear its badge: a newer "!" must not be cleared by an older timer. */
  const badgeTimers = new Map<number, ReturnType<typeof setTimeout>>();

  async function translate(): Promise<Translate> {
    return translatorFor(resolveLanguage(await language(), navigator.languages));
  }

  async function explain(tabId: number, error: unknown): Promise<void> {
    const t = await translate();
    clearTimeout(badgeTimers.get(tabId));
    await browser.action.setBadgeText({ tabId, text: '!' });
    await browser.action.setTitle({ tabId, title: errorText(t, new BackgroundError(toReplyError(error))) });
    badgeTimers.set(
      tabId,
      setTimeout(() => void clear(tabId), BADGE_MS),
    );
  }

  async function clear(tabId: number): Promise<void> {
    clearTimeout(badgeTimers.get(tabId));
    badgeTimers.delete(tabId);
    await browser.action.setBadgeText({ tabId, text: '' }).catch(() => undefined);
    await browser.action.setTitle({ tabId, title: '' }).catch(() => undefined);
  }

  async function run(tabId: number | undefined, next: boolean): Promise<void> {
    if (tabId === undefined) return;
    try {
      await asActivity(() => gesture.fill(tabId, next));
      await clear(tabId);
    } catch (error) {
      await explain(tabId, error).catch(() => undefined);
    }
  }

  return {
    onCommand: (command: string, tab: { id?: number } | undefined) => (command === FILL_COMMAND || command === FILL_NEXT_COMMAND ? run(tab?.id, command === FILL_NEXT_COMMAND) : Promise.resolve()),
    onMenuClick: (info: { menuItemId: string | number }, tab: { id?: number } | undefined) => (info.menuItemId === MENU_ID ? run(tab?.id, false) : Promise.resolve()),
    /** A closed tab: forget its badge timer and where its cycle through logins was. */
    onTabRemoved(tabId: number): void {
      clearTimeout(badgeTimers.get(tabId));
      badgeTimers.delete(tabId);
      void gesture.forget(tabId).catch(() => undefined);
    },
    /** (Re)creates the context menu item in the current language (worker start, language change). */
    async refreshMenu(): Promise<void> {
      const t = await translate();
      await browser.contextMenus.removeAll();
      browser.contextMenus.create({ id: MENU_ID, title: t('autofill.menu.fill'), contexts: ['editable'] });
    },
  };
}
