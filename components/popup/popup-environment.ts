import type { MessageSender } from '../../lib/messages/send';

/** The clipboard calls the popup makes; `navigator.clipboard` in the browser, a fake in tests. */
export interface PopupClipboard {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
}

/** The tab the popup was opened over, as the browser reports it. */
export interface PopupTab {
  id: number;
  /** Its page's origin when it is a web page (http or https), else null: that site's entries rank first. */
  origin: string | null;
}

/**
 * Everything the popup needs from the browser, passed in so components run in tests with fakes.
 * Only the background talks to the server and holds keys; the popup reaches it through `runtime`.
 */
export interface PopupEnvironment {
  runtime: MessageSender;
  /** `navigator.languages`, for the `auto` language setting. */
  browserLanguages: readonly string[];
  clipboard: PopupClipboard;
  /** The tab the popup was opened over, so the background can rank that site's entries first. */
  activeTab(): Promise<PopupTab | undefined>;
  /** Calls `listener` with the tab's new origin each time its page's URL changes; returns what stops it. */
  watchTabOrigin(tabId: number, listener: (origin: string | null) => void): () => void;
  /** Opens one of the extension's own pages (e.g. `/vault.html`) in a new tab. */
  openExtensionPage(path: string): void;
  /** Closes the popup (after a fill: the user's next step is on the page). */
  closePopup(): void;
  /** True when the build contains that page; a later issue adds the vault page. */
  extensionPageExists(path: string): Promise<boolean>;
}
