import { contentFillReply, type ContentFillReply, type ContentRequest, type PageReplies } from '../../lib/messages/protocol';

type ContentFillReplyFilled = Extract<ContentFillReply, { filled: unknown }>['filled'];
import type { KeyholdSession } from '../../lib/session/keyhold-session';
import { SessionError } from '../../lib/session/session-error';

// One entry into a tab (docs/autofill.md, "Filling"), when the user asked for it: the popup's Fill,
// a keyboard shortcut or the context menu (gesture-fill.ts) — each a gesture the page cannot make.
// The worker reads the page's and its frames' URLs from the browser, never from the request; verifies
// the entry and matches it to the top page's URL and to each frame's; and sends the values to one
// frame at a time — the top page first, then its frames in order — each of which fills only if it
// is still at the origin that was matched and every field is visible. A frame of another site than
// the page's is never filled, even for an entry of its own site: that is how a page would frame a
// login it wants to overlay.

/** The parts of the tabs and webNavigation APIs this needs. */
export interface FillTabs {
  get(tabId: number): Promise<{ url?: string }>;
  sendMessage(tabId: number, message: unknown, options: { frameId: number; documentId?: string }): Promise<unknown>;
  getAllFrames(details: { tabId: number }): Promise<TabFrame[] | null>;
}

/** A frame as the browser lists it; Chrome names the document in it, so a message reaches that document or none. */
export interface TabFrame {
  frameId: number;
  parentFrameId: number;
  url: string;
  documentId?: string;
}

const TOP_FRAME = 0;

type FillSession = Pick<KeyholdSession, 'autofillValues' | 'reportFill'>;

/** Tells the server's log about the secret fields a fill put into the page (a login alone is no secret). */
function reportFilled(session: FillSession, itemId: string, filled: ContentFillReplyFilled, values: { passwordFieldId: string | null; totpFieldId: string | null }): void {
  const secrets = { passwordFieldId: filled.includes('password') ? values.passwordFieldId : null, totpFieldId: filled.includes('totp') ? values.totpFieldId : null };
  if (secrets.passwordFieldId || secrets.totpFieldId) session.reportFill(itemId, secrets);
}

/** Asks one frame to fill; its refusal when it will not (or has no content script to ask). */
async function fillFrame(tabs: FillTabs, tabId: number, frame: { frameId: number; documentId?: string | undefined }, values: { origin: string; login: string | null; password: string | null; totp: string | null; via?: 'menu' }): Promise<ContentFillReply> {
  return sendFill(tabs, tabId, frame, { type: 'content.fill', ...values });
}

/** Sends one fill request to one frame and reads its answer. */
async function sendFill(tabs: FillTabs, tabId: number, frame: { frameId: number; documentId?: string | undefined }, message: ContentRequest): Promise<ContentFillReply> {
  try {
    // With the document named, a frame that navigated since it was listed gets nothing (the content script's origin check stays the guard elsewhere).
    const options = frame.documentId ? { frameId: frame.frameId, documentId: frame.documentId } : { frameId: frame.frameId };
    const parsed = contentFillReply.safeParse(await tabs.sendMessage(tabId, message, options));
    return parsed.success ? parsed.data : { refused: 'noLoginForm' };
  } catch {
    // No content script there (a browser page, one loaded before the extension, a PDF).
    return { refused: 'noLoginForm' };
  }
}

type Values = Awaited<ReturnType<FillSession['autofillValues']>>;

/** The URLs of the frames around `frame`, innermost first up to the top page; null when one of them is not listed. */
function enclosingUrls(frames: readonly TabFrame[], frame: TabFrame): string[] | null {
  const byId = new Map(frames.map((listed) => [listed.frameId, listed]));
  const urls: string[] = [];
  for (let parent = frame.parentFrameId; parent >= TOP_FRAME; ) {
    const around = byId.get(parent);
    if (!around) return null;
    urls.push(around.url);
    parent = around.parentFrameId;
  }
  return urls;
}

/**
 * The tab's frames other than the top one that the entry matches, and every frame around each of
 * them too — an ad frame of another site between the page and a login frame of the entry's site
 * could cover it, and the login frame could not tell — in the browser's order.
 */
async function matchingFrames(session: FillSession, frames: readonly TabFrame[], request: { tabId: number; itemId: string; allowInsecure: boolean }) {
  const matching: { frame: TabFrame; values: Values }[] = [];
  for (const frame of frames) {
    const enclosedBy = frame.frameId === TOP_FRAME ? null : enclosingUrls(frames, frame);
    if (!enclosedBy) continue;
    try {
      matching.push({ frame, values: await session.autofillValues(request.itemId, frame.url, request.allowInsecure, { enclosedBy }) });
    } catch (error) {
      if (!(error instanceof SessionError) || (error.code !== 'notForThisSite' && error.code !== 'insecurePage')) throw error;
    }
  }
  return matching;
}

export async function fillEntry(session: FillSession, tabs: FillTabs, request: { tabId: number; itemId: string; allowInsecure: boolean }): Promise<PageReplies['autofill.fill']> {
  const { url } = await tabs.get(request.tabId);
  if (!url) throw new SessionError('notForThisSite', 'The tab has no web page.');
  // The page itself must be the entry's site: a frame is filled only inside a page of that site.
  const top = await session.autofillValues(request.itemId, url, request.allowInsecure);
  const frames = (await tabs.getAllFrames({ tabId: request.tabId }).catch(() => null)) ?? [];
  const topFrame = frames.find((frame) => frame.frameId === TOP_FRAME) ?? { frameId: TOP_FRAME, parentFrameId: -1, url };
  const targets = [{ frame: topFrame, values: top }, ...(await matchingFrames(session, frames, request))];
  let firstRefusal: ContentFillReply | null = null;
  for (const { frame, values } of targets) {
    const reply = await fillFrame(tabs, request.tabId, frame, { origin: values.origin, login: values.login, password: values.password, totp: values.totp });
    if ('filled' in reply) {
      reportFilled(session, request.itemId, reply.filled, values);
      return { filled: reply.filled, ...(reply.ms !== undefined ? { contentMs: reply.ms } : {}) };
    }
    // The first specific refusal explains best why nothing was filled ("no form here" says least).
    if (!firstRefusal || ('refused' in firstRefusal && firstRefusal.refused === 'noLoginForm')) firstRefusal = reply;
  }
  const refusal = firstRefusal && 'refused' in firstRefusal ? firstRefusal.refused : 'noLoginForm';
  throw new SessionError('fillRefused', `The page was not filled: ${refusal}.`, { refusal });
}

/**
 * The inline menu's fill (inline-menu-service.ts): one frame, the one the menu was drawn in, when
 * the entry matches it and every frame around it. An entry of a domain that shares logins with the
 * page may be chosen here — the menu showed its saved site — but the frame fills only while its own
 * menu is open and seen (`via: 'menu'`).
 */
export async function fillMenuFrame(session: FillSession, tabs: FillTabs, request: { tabId: number; frame: TabFrame; itemId: string }): Promise<{ filled: ContentFillReplyFilled }> {
  const frames = (await tabs.getAllFrames({ tabId: request.tabId }).catch(() => null)) ?? [request.frame];
  const enclosedBy = enclosingUrls(frames, request.frame);
  if (!enclosedBy) throw new SessionError('notForThisSite', 'A frame around the form is not known.');
  const values = await session.autofillValues(request.itemId, request.frame.url, false, { allowEquivalent: true, enclosedBy });
  const reply = await fillFrame(tabs, request.tabId, request.frame, { origin: values.origin, login: values.login, password: values.password, totp: values.totp, via: 'menu' });
  if ('refused' in reply) throw new SessionError('fillRefused', `The page was not filled: ${reply.refused}.`, { refusal: reply.refused });
  reportFilled(session, request.itemId, reply.filled, values);
  return { filled: reply.filled };
}

/**
 * Fills the new-password boxes of the frame whose menu suggested `password`, and the current
 * password of the entry `currentItemId` names (the site's only entry, shown in the menu) — read
 * again with its MAC verified, out of the trash, and matched to that frame and every frame around
 * it, as any fill. The frame must still be at the URL the browser reported and fills only while its
 * menu is open and seen; a suggestion goes to no other frame.
 */
export async function fillNewPasswordFrame(
  session: Pick<FillSession, 'autofillValues'>,
  tabs: FillTabs,
  request: { tabId: number; frame: TabFrame; password: string; currentItemId: string | null },
): Promise<{ filled: ContentFillReplyFilled }> {
  let current: string | null = null;
  if (request.currentItemId) {
    const frames = (await tabs.getAllFrames({ tabId: request.tabId }).catch(() => null)) ?? [request.frame];
    const enclosedBy = enclosingUrls(frames, request.frame);
    if (!enclosedBy) throw new SessionError('notForThisSite', 'A frame around the form is not known.');
    current = (await session.autofillValues(request.currentItemId, request.frame.url, false, { enclosedBy })).password;
  }
  const message: ContentRequest = { type: 'content.fillNewPassword', origin: new URL(request.frame.url).origin, password: request.password, current };
  const reply = await sendFill(tabs, request.tabId, request.frame, message);
  if ('refused' in reply) throw new SessionError('fillRefused', `The page was not filled: ${reply.refused}.`, { refusal: reply.refused });
  return { filled: reply.filled };
}
