import type { PageReplies } from '../../lib/messages/protocol';
import type { KeyholdSession } from '../../lib/session/keyhold-session';
import { SessionError } from '../../lib/session/session-error';
import type { KeyValueArea } from '../../lib/settings/settings';
import { fillEntry, type FillTabs } from './fill-entry';

// A fill the user asked for without choosing an entry (docs/autofill.md, "Shortcuts and the context
// menu"): the keyboard shortcuts — fill, and fill the next matching login — and the context menu's
// "Fill with Keyhold". The entry is the page's best match, or for "next" the one after the login
// filled last in this tab on this page. Only the site's own entries qualify: never one matched
// through an equivalent domain, nor an https entry on an http page, since there is no one to ask.

type GestureSession = Pick<KeyholdSession, 'fillCandidates' | 'autofillValues' | 'reportFill'>;
type Cycle = Record<string, { url: string; position: number }>;

const CYCLE_KEY = 'keyhold.fillCycle';

/**
 * `area` (the worker passes `storage.session`: memory only, closed to content scripts) keeps, per
 * tab, the page and the position among its matches filled last, so "next" goes on where it was
 * after the browser stopped the idle worker.
 */
export function createGestureFill(session: GestureSession, tabs: FillTabs, area: KeyValueArea) {
  async function cycle(): Promise<Cycle> {
    const stored = (await area.get(CYCLE_KEY))[CYCLE_KEY];
    return stored && typeof stored === 'object' ? (stored as Cycle) : {};
  }

  async function remember(tabId: number, value: { url: string; position: number } | null): Promise<void> {
    const next = { ...(await cycle()) };
    if (value) next[tabId] = value;
    else delete next[tabId];
    await area.set({ [CYCLE_KEY]: next });
  }

  async function fill(tabId: number, next: boolean): Promise<PageReplies['autofill.fill']> {
    const { url } = await tabs.get(tabId);
    if (!url) throw new SessionError('notForThisSite', 'The tab has no web page.');
    const candidates = await session.fillCandidates(url);
    if (candidates.length === 0) throw new SessionError('notForThisSite', 'No entry is for this page.');
    const previous = (await cycle())[tabId];
    const first = next && previous?.url === url ? (previous.position + 1) % candidates.length : 0;
    let failure: unknown = null;
    for (let step = 0; step < candidates.length; step++) {
      const position = (first + step) % candidates.length;
      try {
        const filled = await fillEntry(session, tabs, { tabId, itemId: candidates[position]!, allowInsecure: false });
        await remember(tabId, { url, position });
        return filled;
      } catch (error) {
        // The page would refuse the next entry as it refused this one; an entry that fails its
        // check (its MAC, say) makes way for the next.
        if (error instanceof SessionError && error.code === 'fillRefused') throw error;
        failure ??= error;
      }
    }
    throw failure;
  }

  return {
    fill,
    /** The tab was closed: forget where its cycle was. */
    forget: (tabId: number) => remember(tabId, null),
  };
}
