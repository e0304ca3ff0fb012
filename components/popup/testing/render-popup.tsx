import { act, render } from '@testing-library/preact';
import { LAZY_MODULES } from '../lazy-screens';
import { PopupApp } from '../popup-app';
import type { PopupClipboard, PopupEnvironment } from '../popup-environment';
import { createPopupModel } from '../popup-model';
import type { fakeBackground } from './fake-background';

/** A clipboard in memory: `text` is what the system clipboard would hold. */
export function fakeClipboard(initial = ''): PopupClipboard & { text: string } {
  const clipboard = {
    text: initial,
    async writeText(text: string) {
      clipboard.text = text;
    },
    async readText() {
      return clipboard.text;
    },
  };
  return clipboard;
}

/** The tab every test popup opens over: tab 7, on the shop's site. */
export const TEST_TAB = { id: 7, origin: 'https://shop.acme.test' } as const;

/** Renders the whole popup against a fake background, as the browser would open it. */
export async function renderPopup(background: ReturnType<typeof fakeBackground>, overrides: Partial<PopupEnvironment> = {}) {
  const clipboard = fakeClipboard();
  const opened: string[] = [];
  const closed = { count: 0 };
  const tabWatchers = new Set<(origin: string | null) => void>();
  const environment: PopupEnvironment = {
    runtime: background.runtime,
    browserLanguages: ['en-GB'],
    clipboard,
    activeTab: async () => TEST_TAB,
    watchTabOrigin(tabId, listener) {
      if (tabId !== TEST_TAB.id) return () => undefined;
      tabWatchers.add(listener);
      return () => void tabWatchers.delete(listener);
    },
    openExtensionPage: (path) => void opened.push(path),
    closePopup: () => void closed.count++,
    extensionPageExists: async () => false,
    ...overrides,
  };
  // The screens the popup loads on demand are loaded first, so every screen renders at once.
  await Promise.all(LAZY_MODULES.map((module) => module.load()));
  const popup = createPopupModel(environment);
  const view = render(<PopupApp popup={popup} />);
  // Inside act, so the first screen's effects (its focus) have run when the test starts.
  await act(() => popup.start());
  /** The test tab's page moves to `url`, as the browser would report it to the popup. */
  const navigateTab = (url: string) => act(() => tabWatchers.forEach((listener) => listener(new URL(url).origin)));
  return { ...view, popup, clipboard, opened, closed, navigateTab, tabWatchers };
}
