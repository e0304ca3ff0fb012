import type { Translate } from '../../lib/i18n/format-message';
import { resolveLanguage, type Language } from '../../lib/i18n/languages';
import type { ContentFrame, MessageOrigin } from '../../lib/messages/background-router';
import type { ContentScriptReplies, MenuEntry, PageReplies } from '../../lib/messages/protocol';
import type { KeyholdSession } from '../../lib/session/keyhold-session';
import { SessionError } from '../../lib/session/session-error';
import type { KeyValueArea } from '../../lib/settings/settings';
import { fillMenuFrame, fillNewPasswordFrame, type FillTabs, type TabFrame } from './fill-entry';

// The worker's side of the inline menu (docs/autofill.md, "The inline menu"). The content script
// may ask about its own frame only: whether to show the field's icon; and it says when it opened
// or closed its menu. The menu itself is an extension page framed in the page; it serves the frame
// of its tab that opened a menu last — that frame's id and URL as the browser reported them with
// the content script's message, never what either page says. (The browser does not list extension
// frames among a page's frames, so the menu's own parent cannot be looked up.) Which frame opened a
// menu is kept in `area` (the worker passes `storage.session`), not in memory: the browser stops an
// idle worker or event page while a menu stays open, and the click that follows must still fill.

export type MenuTabs = FillTabs;

const openMenuKey = (tabId: number) => `keyhold.openMenu.${tabId}`;

/**
 * A menu open in a tab: the frame that opened it, the token in its URL, and for a new-password box
 * the field's rules, whether the form asks for the current password, and once made, the suggestion.
 */
type OpenMenu = ContentFrame & { token: string; newPassword?: { rules: string | null; hasCurrent: boolean } };

type MenuSession = Pick<KeyholdSession, 'hasMenuEntries' | 'menuEntries' | 'autofillValues' | 'reportFill' | 'settings' | 'isUnlocked' | 'suggestPassword' | 'currentEntryFor'>;

export function createInlineMenuService(session: MenuSession, tabs: MenuTabs, menuPageUrl: string, area: KeyValueArea, translatorFor: (language: Language) => Promise<Translate>) {
  // The password each tab's menu shows, in memory only: a stopped worker forgets it, and the menu
  // asks for another. Never in storage, where it would outlive a lock.
  const suggestions = new Map<number, { token: string; password: string; currentItemId: string | null }>();

  /** The frame of `tabId` whose content script opened a menu last, with the token in that menu's URL. */
  async function openMenu(tabId: number): Promise<OpenMenu | null> {
    const stored = (await area.get(openMenuKey(tabId)))[openMenuKey(tabId)];
    return stored && typeof stored === 'object' ? (stored as OpenMenu) : null;
  }

  // One change at a time: a menu closing in one frame as another opens must not forget the new one.
  let changes: Promise<unknown> = Promise.resolve();
  function change(work: () => Promise<void>): Promise<void> {
    const next = changes.then(work);
    changes = next.catch(() => undefined);
    return next;
  }
  const forget = (tabId: number) => (area.remove ? area.remove(openMenuKey(tabId)) : area.set({ [openMenuKey(tabId)]: null }));

  /** The frame the menu in `sender` serves, with its place among the tab's frames. */
  async function servedFrame(sender: MessageOrigin): Promise<{ tabId: number; frame: TabFrame }> {
    const tabId = sender.tab?.id;
    if (tabId === undefined || !sender.frameId || !sender.url?.startsWith(menuPageUrl)) throw new SessionError('forbiddenSender', 'Only the inline menu, framed in a page, may ask this.');
    const opened = await openMenu(tabId);
    if (!opened) throw new SessionError('notForThisSite', 'No frame of this tab has its menu open.');
    // The page can frame the menu page itself (it is web-accessible), but cannot know the token of the one our content script made.
    if (new URL(sender.url).hash !== `#${opened.token}`) throw new SessionError('forbiddenSender', 'This is not the menu the page’s content script opened.');
    const listed = ((await tabs.getAllFrames({ tabId }).catch(() => null)) ?? []).find((frame) => frame.frameId === opened.frameId);
    // The frame navigated away since it opened the menu: nothing to serve.
    if (!listed || listed.url !== opened.url) throw new SessionError('notForThisSite', 'The page that opened the menu is gone.');
    return { tabId, frame: listed };
  }

  return {
    async menuOpened(frame: ContentFrame, token: string, newPassword?: { rules: string | null; hasCurrent: boolean }): Promise<{ opened: true }> {
      await change(() => area.set({ [openMenuKey(frame.tabId)]: { ...frame, token, ...(newPassword ? { newPassword } : {}) } satisfies OpenMenu }));
      return { opened: true };
    },
    async menuClosed(frame: ContentFrame): Promise<{ closed: true }> {
      await change(async () => {
        if ((await openMenu(frame.tabId))?.frameId === frame.frameId) await forget(frame.tabId);
      });
      return { closed: true };
    },
    forgetTab: (tabId: number) => {
      suggestions.delete(tabId);
      void change(() => forget(tabId)).catch(() => undefined);
    },
    async pageState(frame: ContentFrame, newPassword = false): Promise<ContentScriptReplies['autofill.pageState']> {
      // A new-password box gets the icon whenever Keyhold is unlocked: it suggests a password for any site.
      const showIcon = newPassword ? await session.isUnlocked() : await session.hasMenuEntries(frame.url);
      if (!showIcon) return { showIcon, iconLabel: '' };
      const t = await translatorFor(resolveLanguage((await session.settings()).language, navigator.languages));
      return { showIcon, iconLabel: t(newPassword ? 'autofill.iconSuggest' : 'autofill.icon') };
    },
    /**
     * The password the menu of a new-password box suggests, made once per open menu for that frame's
     * site and the field's rules; on a change form, the entry whose current password the fill would
     * also put in, named for the menu to show.
     */
    async suggestion(sender: MessageOrigin): Promise<PageReplies['menu.suggestion']> {
      const { tabId, frame } = await servedFrame(sender);
      const opened = (await openMenu(tabId))!;
      if (!opened.newPassword) throw new SessionError('malformed', 'This menu was not opened on a new-password box.');
      const made = await session.suggestPassword(frame.url, opened.newPassword.rules);
      const current = opened.newPassword.hasCurrent ? await session.currentEntryFor(frame.url) : null;
      suggestions.set(tabId, { token: opened.token, password: made.password, currentItemId: current?.itemId ?? null });
      return { ...made, currentFor: current?.name ?? null };
    },
    /** Puts the suggestion shown into the frame's new-password boxes (with the current password the menu named). */
    async useSuggestion(sender: MessageOrigin): Promise<PageReplies['menu.useSuggestion']> {
      const { tabId, frame } = await servedFrame(sender);
      const suggestion = suggestions.get(tabId);
      if (!suggestion || suggestion.token !== (await openMenu(tabId))?.token) throw new SessionError('malformed', 'No password was suggested in this menu.');
      suggestions.delete(tabId);
      return fillNewPasswordFrame(session, tabs, { tabId, frame, password: suggestion.password, currentItemId: suggestion.currentItemId });
    },
    async entries(sender: MessageOrigin): Promise<MenuEntry[]> {
      const { frame } = await servedFrame(sender);
      return session.menuEntries(frame.url);
    },
    async fill(sender: MessageOrigin, itemId: string): Promise<PageReplies['menu.fill']> {
      const { tabId, frame } = await servedFrame(sender);
      return fillMenuFrame(session, tabs, { tabId, frame, itemId });
    },
    async close(sender: MessageOrigin): Promise<PageReplies['menu.close']> {
      const { tabId, frame } = await servedFrame(sender);
      await tabs.sendMessage(tabId, { type: 'content.menuClose' }, { frameId: frame.frameId }).catch(() => undefined);
      return { closed: true };
    },
  };
}
