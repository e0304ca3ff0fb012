import type { MessageSender } from '../../lib/messages/send';

/** The clipboard calls the popup makes; `navigator.clipboard` in the browser, a fake in tests. */
export interface PopupClipboard {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
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
  /** The id of the tab the popup was opened over, so the background can rank that site's entries first. */
  activeTabId(): Promise<number | undefined>;
  /** Opens one of the extension's own pages (e.g. `/vault.html`) in a new tab. */
  openExtensionPage(path: string): void;
  /** True when the build contains that page; a later issue adds the vault page. */
  extensionPageExists(path: string): Promise<boolean>;
}
