import { PAGE_PORT_NAME, type PortRequest, type RuntimePort } from './page-port';
import { contentProbeReply, contentScriptRequest, pageRequest, type ContentScriptReplies, type ContentScriptRequest, type PageReplies, type PageRequest, type Reply, type ReplyError } from './protocol';
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
  tab?: { id?: number };
  frameId?: number;
  documentId?: string;
}

/** What answers each page request (told who sent it): the worker's session, plus the tab probe the router answers itself. */
export type PageHandlers = { [K in Exclude<PageRequest['type'], 'tab.probe'>]: (request: Extract<PageRequest, { type: K }>, sender: MessageOrigin) => Promise<PageReplies[K]> };

/** A content script's frame, as the browser reports the sender: the only page a content script may ask about. */
export interface ContentFrame {
  tabId: number;
  frameId: number;
  url: string;
}

/** What answers each content script request. */
export type ContentScriptHandlers = { [K in ContentScriptRequest['type']]: (request: Extract<ContentScriptRequest, { type: K }>, frame: ContentFrame) => Promise<ContentScriptReplies[K]> };

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
    const handler = handlers[request.type] as (request: PageRequest, sender: MessageOrigin) => Promise<unknown>;
    return { ok: true, value: await handler(request, sender) };
  } catch (error) {
    return failure(explain(error));
  }
}

/**
 * Handles one request from a content script of ours: its frame comes from the browser's sender
 * record (tab, frame, URL); anything else, or anything but the few requests a content script may
 * make, is refused.
 */
export async function routeContentScriptRequest(api: RouterBrowser, handlers: ContentScriptHandlers, explain: (error: unknown) => ReplyError, message: unknown, sender: MessageOrigin): Promise<Reply<unknown>> {
  if (sender.id !== api.runtime.id || isExtensionPage(api, sender) || sender.tab?.id === undefined || typeof sender.url !== 'string') return failure({ code: 'forbiddenSender', message: 'Only Keyhold content scripts may send this message.' });
  const parsed = contentScriptRequest.safeParse(message);
  if (!parsed.success) return failure({ code: 'malformed', message: 'Malformed message.' });
  try {
    const handler = handlers[parsed.data.type] as (request: ContentScriptRequest, frame: ContentFrame) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data, { tabId: sender.tab.id, frameId: sender.frameId ?? 0, url: sender.url }) };
  } catch (error) {
    return failure(explain(error));
  }
}

/**
 * Returns an `onMessage` listener: extension pages' requests and content scripts' go their separate
 * ways. It answers through `sendResponse` and returns true, the one form Chrome and Firefox both
 * accept for asynchronous replies.
 */
export function createBackgroundListener(api: RouterBrowser, handlers: PageHandlers, explain: (error: unknown) => ReplyError, contentHandlers?: ContentScriptHandlers) {
  return (message: unknown, sender: MessageOrigin, sendResponse: (reply: unknown) => void): true => {
    const fromContentScript = contentHandlers !== undefined && sender.id === api.runtime.id && !isExtensionPage(api, sender);
    void (fromContentScript ? routeContentScriptRequest(api, contentHandlers, explain, message, sender) : routePageRequest(api, handlers, explain, message, sender)).then(sendResponse);
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
