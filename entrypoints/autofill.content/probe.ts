import { browser } from '#imports';
import { contentRequest, type ContentProbeReply } from '../../lib/messages/protocol';

// Answers the background's probe so the popup can tell whether Keyhold is active on this page.
// Only the extension itself can reach this listener (no externally_connectable), and the reply
// carries nothing from the page but its address.

function answerProbe(message: unknown, sender: { id?: string }, sendResponse: (reply: ContentProbeReply) => void) {
  if (sender.id !== browser.runtime.id) return;
  const parsed = contentRequest.safeParse(message);
  if (!parsed.success || parsed.data.type !== 'content.probe') return;
  sendResponse({ ready: true, href: location.href });
}

/** Starts answering probes until `signal` aborts. */
export function init(signal: AbortSignal): void {
  browser.runtime.onMessage.addListener(answerProbe);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(answerProbe));
}

// Test pages: tests/fixtures/pages/login-basic.html (tests/e2e/*-messaging.test.ts).
