import type { ContentFrame, MessageOrigin } from '../../lib/messages/background-router';
import type { ContentScriptReplies, MenuEntry, PageReplies } from '../../lib/messages/protocol';
import { resolveLanguage } from '../../lib/i18n/languages';
import type { KeyholdSession } from '../../lib/session/keyhold-session';
import { SessionError } from '../../lib/session/session-error';
import { fillMenuFrame, type FillTabs, type TabFrame } from './fill-entry';

// The worker's side of the inline menu (docs/autofill.md, "The inline menu"). The content script
// may ask about its own frame only: whether to show the field's icon; and it says when it opened
// or closed its menu. The menu itself is an extension page framed in the page; it serves the frame
// of its tab that opened a menu last — that frame's id and URL as the browser reported them with
// the content script's message, never what either page says. (The browser does not list extension
// frames among a page's frames, so the menu's own parent cannot be looked up.)

export type MenuTabs = FillTabs;

type MenuSession = Pick<KeyholdSession, 'hasMenuEntries' | 'menuEntries' | 'autofillValues' | 'reportFill' | 'settings'>;

export function createInlineMenuService(session: MenuSession, tabs: MenuTabs, menuPageUrl: string) {
  /** Per tab, the frame whose content script opened a menu last. */
  const openMenus = new Map<number, ContentFrame>();

  /** The frame the menu in `sender` serves, with its place among the tab's frames. */
  async function servedFrame(sender: MessageOrigin): Promise<{ tabId: number; frame: TabFrame }> {
    const tabId = sender.tab?.id;
    if (tabId === undefined || !sender.frameId || !sender.url?.startsWith(menuPageUrl)) throw new SessionError('forbiddenSender', 'Only the inline menu, framed in a page, may ask this.');
    const opened = openMenus.get(tabId);
    if (!opened) throw new SessionError('notForThisSite', 'No frame of this tab has its menu open.');
    const listed = ((await tabs.getAllFrames({ tabId }).catch(() => null)) ?? []).find((frame) => frame.frameId === opened.frameId);
    // The frame navigated away since it opened the menu: nothing to serve.
    if (!listed || listed.url !== opened.url) throw new SessionError('notForThisSite', 'The page that opened the menu is gone.');
    return { tabId, frame: listed };
  }

  return {
    menuOpened(frame: ContentFrame): Promise<{ opened: true }> {
      openMenus.set(frame.tabId, frame);
      return Promise.resolve({ opened: true });
    },
    menuClosed(frame: ContentFrame): Promise<{ closed: true }> {
      if (openMenus.get(frame.tabId)?.frameId === frame.frameId) openMenus.delete(frame.tabId);
      return Promise.resolve({ closed: true });
    },
    forgetTab: (tabId: number) => void openMenus.delete(tabId),
    async pageState(frame: ContentFrame): Promise<ContentScriptReplies['autofill.pageState']> {
      return { showIcon: await session.hasMenuEntries(frame.url), language: resolveLanguage((await session.settings()).language, navigator.languages) };
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
