import { randomBytes, toBase64Url } from '../../lib/crypto/bytes';
import type { ContentFrame, MessageOrigin } from '../../lib/messages/background-router';
import type { ContentScriptReplies, PageReplies, SaveOffer } from '../../lib/messages/protocol';
import type { KeyholdSession } from '../../lib/session/keyhold-session';
import { SessionError } from '../../lib/session/session-error';
import type { KeyValueArea } from '../../lib/settings/settings';
import { parseUrl } from '../../lib/vault/matching/page-url';
import { stitched, type CapturedLogin } from '../../lib/vault/saving/captured-login';
import type { FillTabs } from './fill-entry';

// The worker's side of saving (docs/autofill.md, "Saving"). A content script reports a login the
// user sent; when the sign-in is seen to succeed — the tab's next page shows no login form, or the
// form vanished from a single-page app — the worker works out what to offer and has the tab's top
// frame draw the save bar, an extension page whose URL carries a token only the worker and that
// frame know. The bar's answer is served for that token only. What the user sent stays in
// `storage.session` (memory the browser clears on restart, never shown to content scripts), because
// the worker may be stopped between the sign-in and the answer; it goes when answered, when the tab
// closes, when Keyhold locks, or when too old: a minute with nothing offered, five once offered.

/** How long after sending a login its sign-in may be seen to succeed. */
const SIGN_IN_WINDOW_MS = 60_000;
/** How long an offered login waits for the bar's answer. */
const ANSWER_WINDOW_MS = 5 * 60_000;

type SaveSession = Pick<KeyholdSession, 'saveOffer' | 'saveCaptured' | 'updateCaptured' | 'neverSaveFor' | 'isUnlocked'>;
type SaveTabs = Pick<FillTabs, 'get' | 'sendMessage' | 'getAllFrames'>;

/** A tab's login in waiting: what was sent, and once offered, the offer and the bar's token. */
interface PendingSave {
  capture: CapturedLogin;
  offer?: SaveOffer;
  token?: string;
}

/** Every tab's login in waiting, under one key: locking forgets them all at once. */
const PENDING_KEY = 'keyhold.save';
const siteOf = (url: string) => parseUrl(url)?.siteKey ?? null;
const sameSite = (a: string, b: string) => siteOf(a) !== null && siteOf(a) === siteOf(b);

export function createSaveService(session: SaveSession, tabs: SaveTabs, barPageUrl: string, area: KeyValueArea, now: () => number = Date.now) {
  async function all(): Promise<Record<string, PendingSave>> {
    const stored = (await area.get(PENDING_KEY))[PENDING_KEY];
    return stored && typeof stored === 'object' ? (stored as Record<string, PendingSave>) : {};
  }

  // One change at a time: two frames reporting at once must not lose one of the two.
  let changes: Promise<unknown> = Promise.resolve();
  function change<T>(work: (records: Record<string, PendingSave>) => T | Promise<T>): Promise<T> {
    const next = changes.then(async () => {
      const records = await all();
      const result = await work(records);
      await area.set({ [PENDING_KEY]: records });
      return result;
    });
    changes = next.catch(() => undefined);
    return next;
  }

  const expired = (record: PendingSave) => now() - record.capture.at > (record.offer ? ANSWER_WINDOW_MS : SIGN_IN_WINDOW_MS);

  /** The tab's login in waiting, unless it is too old (then it goes). */
  async function pending(tabId: number): Promise<PendingSave | null> {
    const record = (await all())[tabId];
    if (!record) return null;
    if (!expired(record)) return record;
    await change((records) => void delete records[tabId]);
    return null;
  }

  /**
   * The bar's token for the tab's login in waiting, the offer made on first asking; null when there
   * is none to make, or the tab's page is now of another site than the sign-in's (a login sent at
   * one site is never offered inside another's page).
   */
  async function offerFor(tabId: number, topUrl: string): Promise<string | null> {
    const record = await pending(tabId);
    if (!record || !(sameSite(topUrl, record.capture.topUrl) || sameSite(topUrl, record.capture.url))) return null;
    if (record.token) return record.token;
    const offer = await session.saveOffer(record.capture).catch(() => null);
    if (!offer) return change((records) => void delete records[tabId]).then(() => null);
    const token = toBase64Url(randomBytes(16));
    await change((records) => void (records[tabId] = { ...record, offer, token }));
    return token;
  }

  /** The tab's offer the bar in `sender` answers: only the bar bearing the offer's token. */
  async function servedOffer(sender: MessageOrigin): Promise<{ tabId: number; record: PendingSave & { offer: SaveOffer } }> {
    const tabId = sender.tab?.id;
    if (tabId === undefined || !sender.url?.startsWith(barPageUrl)) throw new SessionError('forbiddenSender', 'Only the save bar may ask this.');
    const record = await pending(tabId);
    if (!record?.offer || new URL(sender.url).hash !== `#${record.token}`) throw new SessionError('forbiddenSender', 'This is not the save bar Keyhold opened.');
    return { tabId, record: record as PendingSave & { offer: SaveOffer } };
  }

  /** The bar was answered: the login goes, and the top frame takes the bar down. */
  async function answered(tabId: number): Promise<void> {
    await change((records) => void delete records[tabId]);
    await tabs.sendMessage(tabId, { type: 'content.saveBarClose' }, { frameId: 0 }).catch(() => undefined);
  }

  return {
    async captured(frame: ContentFrame, sent: Pick<CapturedLogin, 'login' | 'password' | 'newPassword'>): Promise<ContentScriptReplies['save.captured']> {
      // Locked, Keyhold keeps nothing of what is typed: there is nothing to offer it to.
      if (!(await session.isUnlocked())) return { kept: false };
      const topUrl = frame.frameId === 0 ? frame.url : ((await tabs.get(frame.tabId).catch(() => ({ url: undefined }))).url ?? frame.url);
      const previous = await pending(frame.tabId);
      const capture = stitched(previous?.capture ?? null, { url: frame.url, topUrl, ...sent, at: now() }, sameSite);
      await change((records) => void (records[frame.tabId] = { capture }));
      return { kept: true };
    },
    async succeeded(frame: ContentFrame): Promise<ContentScriptReplies['save.succeeded']> {
      const top = ((await tabs.getAllFrames({ tabId: frame.tabId }).catch(() => null)) ?? []).find((listed) => listed.frameId === 0);
      const token = top ? await offerFor(frame.tabId, top.url) : null;
      // The document is named: had the top page changed since, the bar is drawn nowhere.
      if (token && top) await tabs.sendMessage(frame.tabId, { type: 'content.saveBar', token }, top.documentId ? { frameId: 0, documentId: top.documentId } : { frameId: 0 }).catch(() => undefined);
      return { offered: token !== null };
    },
    async pageLoaded(frame: ContentFrame, loginForm: boolean | undefined): Promise<ContentScriptReplies['save.pageLoaded']> {
      if (frame.frameId !== 0) return { barToken: null };
      // Most pages load with no login waiting: they need not look through themselves for a form.
      if (loginForm === undefined) return (await pending(frame.tabId)) ? { barToken: null, waiting: true } : { barToken: null };
      // A page that asks for the login again is a failed sign-in, or the next step of this one.
      if (loginForm) return { barToken: null };
      return { barToken: await offerFor(frame.tabId, frame.url) };
    },
    async offer(sender: MessageOrigin): Promise<PageReplies['bar.offer']> {
      return (await servedOffer(sender)).record.offer;
    },
    async save(sender: MessageOrigin, choice: { name: string; vaultId: string; folderId: string | null }): Promise<PageReplies['bar.save']> {
      const { tabId, record } = await servedOffer(sender);
      const saved = await session.saveCaptured(record.capture, choice);
      await answered(tabId);
      return saved;
    },
    async update(sender: MessageOrigin): Promise<PageReplies['bar.update']> {
      const { tabId, record } = await servedOffer(sender);
      if (record.offer.kind !== 'update') throw new SessionError('malformed', 'This bar offers no update.');
      const updated = await session.updateCaptured(record.capture, record.offer.itemId);
      await answered(tabId);
      return updated;
    },
    async never(sender: MessageOrigin): Promise<PageReplies['bar.never']> {
      const { tabId, record } = await servedOffer(sender);
      await session.neverSaveFor(record.capture);
      await answered(tabId);
      return { closed: true };
    },
    async dismiss(sender: MessageOrigin): Promise<PageReplies['bar.dismiss']> {
      const { tabId } = await servedOffer(sender);
      await answered(tabId);
      return { closed: true };
    },
    forgetTab: (tabId: number) => void change((records) => void delete records[tabId]).catch(() => undefined),
    /** Locked or signed out: every login in waiting goes. */
    forgetAll: () => (area.remove ? area.remove(PENDING_KEY) : area.set({ [PENDING_KEY]: null })),
  };
}
