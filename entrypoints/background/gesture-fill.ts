import type { PageReplies } from '../../lib/messages/protocol';
import type { KeyholdSession } from '../../lib/session/keyhold-session';
import { SessionError } from '../../lib/session/session-error';
import { fillEntry, type FillTabs } from './fill-entry';

// A fill the user asked for without choosing an entry (docs/autofill.md, "Shortcuts and the context
// menu"): the keyboard shortcuts — fill, and fill the next matching login — and the context menu's
// "Fill with Keyhold". The entry is the page's best match, or for "next" the one after the login
// filled last in this tab on this page. Only the site's own entries qualify: never one matched
// through an equivalent domain, nor an https entry on an http page, since there is no one to ask.

type GestureSession = Pick<KeyholdSession, 'fillCandidates' | 'autofillValues' | 'reportFill'>;

export function createGestureFill(session: GestureSession, tabs: FillTabs) {
  /** Per tab: the page and the position among its matches filled last, for "next". */
  const lastFilled = new Map<number, { url: string; position: number }>();

  async function fill(tabId: number, next: boolean): Promise<PageReplies['autofill.fill']> {
    const { url } = await tabs.get(tabId);
    if (!url) throw new SessionError('notForThisSite', 'The tab has no web page.');
    const candidates = await session.fillCandidates(url);
    if (candidates.length === 0) throw new SessionError('notForThisSite', 'No entry is for this page.');
    const previous = lastFilled.get(tabId);
    const first = next && previous?.url === url ? (previous.position + 1) % candidates.length : 0;
    let failure: unknown = null;
    for (let step = 0; step < candidates.length; step++) {
      const position = (first + step) % candidates.length;
      try {
        const filled = await fillEntry(session, tabs, { tabId, itemId: candidates[position]!, allowInsecure: false });
        lastFilled.set(tabId, { url, position });
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
    forget: (tabId: number) => void lastFilled.delete(tabId),
  };
}
