import { browser } from '#imports';
import type { PopupEnvironment } from '../../components/popup/popup-environment';

// WXT types getURL with the pages of the current build; pages a later build adds (the vault page)
// are asked for by name, which is why the path is widened here.
const extensionUrl = (path: string) => browser.runtime.getURL(path as '/');

/** The popup's environment in a real browser: the extension runtime, the active tab, the clipboard. */
export function browserPopupEnvironment(): PopupEnvironment {
  // The build does not change while the popup is open: each page is looked for once, not on every
  // return to the entry list.
  const pages = new Map<string, Promise<boolean>>();
  return {
    runtime: browser.runtime,
    browserLanguages: navigator.languages,
    clipboard: {
      writeText: (text) => navigator.clipboard.writeText(text),
      readText: () => navigator.clipboard.readText(),
    },
    activeTabId: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
    openExtensionPage: (path) => void browser.tabs.create({ url: extensionUrl(path) }),
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
