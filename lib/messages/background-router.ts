import { PAGE_PORT_NAME, type PortRequest, type RuntimePort } from './page-port';
import { contentProbeReply, pageRequest, type PageReplies, type PageRequest, type Reply, type ReplyError } from './protocol';
import { safeOrigin } from './safe-origin';

/** The browser APIs the router itself uses; the worker passes `browser`, tests pass fakes. */
export interface RouterBrowser {
  runtime: { id: string; getURL(path: string): string };
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

/** What answers each page request: the worker's session, plus the tab probe the router answers itself. */
export type PageHandlers = { [K in Exclude<PageRequest['type'], 'tab.probe'>]: (request: Extract<PageRequest, { type: K }>) => Promise<PageReplies[K]> };

async function probeTab(api: RouterBrowser, tabId: number): Promise<PageReplies['tab.probe']> {
  const tab = await api.tabs.get(tabId);
  // The origin shown is the one the browser reports for the tab, not what the content script says.
  const origin = tab.url ? safeOrigin(tab.url) : null;
  try {
    const answer = contentProbeReply.safeParse(await api.tabs.sendMessage(tabId, { type: 'content.probe' }, { frameId: 0 }));
    return { contentScript: answer.success, origin };
  } catch {
    return { contentScript: false, origin };
  }
}

/** True when the sender is one of our own extension pages; content scripts share our id but not our origin. */
export function isExtensionPage(api: RouterBrowser, sender: MessageOrigin): boolean {
  return sender.id === api.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(api.runtime.getURL('/'));
}

const failure = (error: ReplyError): Reply<never> => ({ ok: false, error });

/**
 * Handles one page request from `sender`; refuses anything not from an extension page or not well
 * formed. `explain` turns a thrown error into the reply's code and message.
 */
export async function routePageRequest(
  api: RouterBrowser,
  handlers: PageHandlers,
  explain: (error: unknown) => ReplyError,
  message: unknown,
  sender: MessageOrigin,
): Promise<Reply<unknown>> {
  if (!isExtensionPage(api, sender)) return failure({ code: 'forbiddenSender', message: 'Only Keyhold pages may send this message.' });
  const parsed = pageRequest.safeParse(message);
  if (!parsed.success) return failure({ code: 'malformed', message: 'Malformed message.' });
  const request = parsed.data;
  try {
    if (request.type === 'tab.probe') return { ok: true, value: await probeTab(api, request.tabId) };
    const handler = handlers[request.type] as (request: PageRequest) => Promise<unknown>;
    return { ok: true, value: await handler(request) };
  } catch (error) {
    return failure(explain(error));
  }
}

/**
 * Returns an `onMessage` listener. It answers through `sendResponse` and returns true, the one form
 * Chrome and Firefox both accept for asynchronous replies.
 */
export function createBackgroundListener(api: RouterBrowser, handlers: PageHandlers, explain: (error: unknown) => ReplyError) {
  return (message: unknown, sender: MessageOrigin, sendResponse: (reply: unknown) => void): true => {
    void routePageRequest(api, handlers, explain, message, sender).then(sendResponse);
    return true;
  };
}

/**
 * Returns an `onConnect` listener for the popup's long-lived port: each request on it is routed as
 * a sendMessage one would be, with the sender the browser reported when the port opened. A port
 * from anything but an extension page is closed at once.
 */
export function createPortListener(api: RouterBrowser, handlers: PageHandlers, explain: (error: unknown) => ReplyError) {
  return (port: RuntimePort): void => {
    if (port.name !== PAGE_PORT_NAME) return;
    const sender = port.sender ?? {};
    if (!isExtensionPage(api, sender)) return port.disconnect();
    port.onMessage.addListener((message) => {
      const { id, request } = (message ?? {}) as Partial<PortRequest>;
      if (typeof id !== 'number') return;
      void routePageRequest(api, handlers, explain, request, sender).then((reply) => {
        try {
          port.postMessage({ id, reply });
        } catch {
          // The page closed while its request ran: nobody is left to answer.
        }
      });
    });
  };
}
