import { matchesFingerprint, type OffscreenClearRequest } from '../background/clipboard';

/** What the offscreen document does with the clipboard; `document-clipboard.ts` in the browser, fakes in tests. */
export interface OffscreenClipboard {
  read(): string;
  empty(): void;
}

function isClearRequest(message: unknown): message is OffscreenClearRequest {
  const request = message as Partial<OffscreenClearRequest> | null;
  return request?.target === 'keyhold.offscreen' && request.type === 'clipboard.clearIfHolds' && typeof request.fingerprint?.sha256 === 'string' && typeof request.fingerprint.salt === 'string';
}

/**
 * The document's `runtime.onMessage` listener. Every message the popup sends the worker reaches
 * this document too, so anything not addressed to it is left alone (undefined: no reply, the
 * worker's stands). Only the worker may ask; it has no tab, unlike a content script.
 */
export function createClearRequestListener(clipboard: OffscreenClipboard, extensionId: string) {
  return (message: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (reply: { cleared: boolean }) => void): true | undefined => {
    if (!isClearRequest(message) || sender.id !== extensionId || sender.tab) return undefined;
    void matchesFingerprint(clipboard.read(), message.fingerprint).then((holds) => {
      if (holds) clipboard.empty();
      sendResponse({ cleared: holds });
    });
    return true;
  };
}
