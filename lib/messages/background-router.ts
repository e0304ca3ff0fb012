import { readSettings, type KeyValueArea } from '../settings/settings';
import { contentProbeReply, pageRequest, type PageReplies, type PageRequest, type Reply } from './protocol';

/** The browser APIs the background router uses; the worker passes `browser`, tests pass fakes. */
export interface RouterBrowser {
  runtime: { id: string; getManifest(): { version: string }; getURL(path: string): string };
  storage: { local: KeyValueArea };
  tabs: {
    get(tabId: number): Promise<{ url?: string }>;
    sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown>;
  };
}

/** Who sent a message, as the browser reports it (never as the message claims). */
export interface MessageOrigin {
  id?: string;
  url?: string;
}

type Handlers = { [K in PageRequest['type']]: (request: Extract<PageRequest, { type: K }>) => Promise<PageReplies[K]> };

function createHandlers(api: RouterBrowser): Handlers {
  return {
    status: async () => ({
      version: api.runtime.getManifest().version,
      serverUrl: (await readSettings(api.storage.local)).serverUrl,
    }),
    'tab.probe': async ({ tabId }) => {
      const tab = await api.tabs.get(tabId);
      // The origin shown is the one the browser reports for the tab, not what the content script says.
      const origin = tab.url ? safeOrigin(tab.url) : null;
      try {
        const answer = contentProbeReply.safeParse(await api.tabs.sendMessage(tabId, { type: 'content.probe' }, { frameId: 0 }));
        return { contentScript: answer.success, origin };
      } catch {
        return { contentScript: false, origin };
      }
    },
  };
}

function safeOrigin(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** True when the sender is one of our own extension pages; content scripts share our id but not our origin. */
export function isExtensionPage(api: RouterBrowser, sender: MessageOrigin): boolean {
  return sender.id === api.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(api.runtime.getURL('/'));
}

/** Handles one page request from `sender`; refuses anything not from an extension page or not well formed. */
export async function routePageRequest(api: RouterBrowser, message: unknown, sender: MessageOrigin): Promise<Reply<unknown>> {
  if (!isExtensionPage(api, sender)) return { ok: false, error: 'Only Keyhold pages may send this message.' };
  const parsed = pageRequest.safeParse(message);
  if (!parsed.success) return { ok: false, error: 'Malformed message.' };
  const handlers = createHandlers(api);
  try {
    const handler = handlers[parsed.data.type] as (request: PageRequest) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Returns an `onMessage` listener. It answers through `sendResponse` and returns true, the one form
 * Chrome and Firefox both accept for asynchronous replies.
 */
export function createBackgroundListener(api: RouterBrowser) {
  return (message: unknown, sender: MessageOrigin, sendResponse: (reply: unknown) => void): true => {
    void routePageRequest(api, message, sender).then(sendResponse);
    return true;
  };
}
