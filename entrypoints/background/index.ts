import { browser, defineBackground } from '#imports';
import { createBackgroundListener, createPortListener, type RouterBrowser } from '../../lib/messages/background-router';
import type { RuntimePort } from '../../lib/messages/page-port';
import { toReplyError } from '../../lib/session/session-error';
import { createWorkerSession } from './worker-session';

// The service worker (an event page on Firefox). Everything it knows is rebuilt on each wake from
// `storage.session`; listeners are registered synchronously so a wake-up event is never missed.

export default defineBackground(() => {
  const { session, handlers, contentHandlers, onAlarm, onStartup, shortcuts, menu, saving } = createWorkerSession();
  browser.runtime.onMessage.addListener(createBackgroundListener(browser as unknown as RouterBrowser, handlers, toReplyError, contentHandlers));
  const onPort = createPortListener(browser as unknown as RouterBrowser, handlers, toReplyError);
  browser.runtime.onConnect.addListener((port) => onPort(port as unknown as RuntimePort));
  browser.alarms.onAlarm.addListener((alarm) => void onAlarm(alarm.name));
  browser.runtime.onStartup.addListener(() => void onStartup());
  // A shortcut or the context menu is the user's gesture: the fill runs as a popup click's does.
  browser.commands.onCommand.addListener((command, tab) => void shortcuts.onCommand(command, tab));
  browser.contextMenus.onClicked.addListener((info, tab) => void shortcuts.onMenuClick(info, tab));
  browser.runtime.onInstalled.addListener(() => void shortcuts.refreshMenu().catch(() => undefined));
  browser.tabs.onRemoved.addListener((tabId) => {
    shortcuts.onTabRemoved(tabId);
    menu.forgetTab(tabId);
    saving.forgetTab(tabId);
  });
  // A prerendered or restored page swapped in for a tab: the old tab id's open menu and login in waiting are gone with it.
  browser.tabs.onReplaced.addListener((_added, removed) => {
    menu.forgetTab(removed);
    saving.forgetTab(removed);
  });
  browser.storage.onChanged.addListener((_, area) => {
    if (area === 'local') session.rereadStorage();
  });
  // A worker woken after the idle time locks before it answers anything.
  void session.checkIdle();
});
