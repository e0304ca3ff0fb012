import { browser } from '#imports';
import type { PopupEnvironment } from '../../components/popup/popup-environment';
import { PAGE_PORT_NAME, type RuntimePort } from '../../lib/messages/page-port';
import { createPortSender } from '../../lib/messages/port-sender';
import { safeOrigin } from '../../lib/messages/safe-origin';

// WXT types getURL with the pages of the current build; pages a later build adds (the vault page)
// are asked for by name, which is why the path is widened here.
const extensionUrl = (path: string) => browser.runtime.getURL(path as '/');

/** A tab URL's origin when it is a web page's; only web pages have entries of their own. */
function webOrigin(url: string | undefined): string | null {
  const origin = url ? safeOrigin(url) : null;
  return origin?.startsWith('https://') || origin?.startsWith('http://') ? origin : null;
}

/** The popup's environment in a real browser: the extension runtime, the active tab, the clipboard. */
export function browserPopupEnvironment(): PopupEnvironment {
  // The build does not change while the popup is open: each page is looked for once, not on every
  // return to the entry list.
  const pages = new Map<string, Promise<boolean>>();
  return {
    runtime: createPortSender(() => browser.runtime.connect({ name: PAGE_PORT_NAME }) as unknown as RuntimePort),
    browserLanguages: navigator.languages,
    clipboard: {
      writeText: (text) => navigator.clipboard.writeText(text),
      readText: () => navigator.clipboard.readText(),
    },
    async activeTab() {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab?.id === undefined ? undefined : { id: tab.id, origin: webOrigin(tab.url) };
    },
    watchTabOrigin(tabId, listener) {
      // Read here, where the popup lives, rather than by the worker on every keystroke: a tabs.get
      // there is a browser round trip per search (issue #6). A popup page's listener wakes no worker.
      const onUpdated = (updatedId: number, change: { url?: string }) => {
        if (updatedId === tabId && change.url !== undefined) listener(webOrigin(change.url));
      };
      browser.tabs.onUpdated.addListener(onUpdated);
      return () => browser.tabs.onUpdated.removeListener(onUpdated);
    },
    openExtensionPage: (path) => void browser.tabs.create({ url: extensionUrl(path) }),
    closePopup: () => window.close(),
    // A missing file in the extension's own origin fails to fetch in Chrome and Firefox alike.
    extensionPageExists(path) {
      let found = pages.get(path);
      if (!found) {
        found = fetch(extensionUrl(path)).then(
          (response) => response.ok,
          () => false,
        );
        pages.set(path, found);
      }
      return found;
    },
  };
}
