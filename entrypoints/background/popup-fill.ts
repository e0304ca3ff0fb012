import { contentFillReply, type PageReplies } from '../../lib/messages/protocol';
import type { KeyholdSession } from '../../lib/session/keyhold-session';
import { SessionError } from '../../lib/session/session-error';

// The popup's Fill (docs/autofill.md, "Filling"): the click in the popup is the user's gesture. The
// worker reads the page's URL from the tab, never from the request; verifies the entry and matches
// it to that URL; and sends the values to the tab's top frame only, which fills only if it is still
// at the origin that was matched and every field is visible.

/** The part of the tabs API this needs. */
export interface FillTabs {
  get(tabId: number): Promise<{ url?: string }>;
  sendMessage(tabId: number, message: unknown, options: { frameId: number }): Promise<unknown>;
}

const TOP_FRAME = 0;

export async function fillFromPopup(session: Pick<KeyholdSession, 'autofillValues' | 'reportFill'>, tabs: FillTabs, request: { tabId: number; itemId: string; allowInsecure: boolean }): Promise<PageReplies['autofill.fill']> {
  const { url } = await tabs.get(request.tabId);
  if (!url) throw new SessionError('notForThisSite', 'The tab has no web page.');
  const values = await session.autofillValues(request.itemId, url, request.allowInsecure);
  let reply: unknown;
  try {
    reply = await tabs.sendMessage(request.tabId, { type: 'content.fill', origin: values.origin, login: values.login, password: values.password }, { frameId: TOP_FRAME });
  } catch {
    // No content script in the page (a browser page, one loaded before the extension, a PDF).
    throw new SessionError('fillRefused', 'Keyhold cannot fill this page.', { refusal: 'noLoginForm' });
  }
  const parsed = contentFillReply.safeParse(reply);
  if (!parsed.success) throw new SessionError('fillRefused', 'The page gave an odd answer.', { refusal: 'noLoginForm' });
  if ('refused' in parsed.data) throw new SessionError('fillRefused', `The page was not filled: ${parsed.data.refused}.`, { refusal: parsed.data.refused });
  if (parsed.data.filled.includes('password')) session.reportFill(request.itemId, values.passwordFieldId);
  return { filled: parsed.data.filled };
}
