import { describe, expect, it } from 'vitest';
import { SessionError } from '../../lib/session/session-error';
import type { FillTabs } from './fill-entry';
import { memoryArea } from '../../lib/settings/memory-area';
import { createGestureFill } from './gesture-fill';

// Fills without a choice of entry (shortcuts, context menu), with the tab and session faked: the
// best match first, "next" cycling through the page's matches, an entry that fails its check
// skipped, a page that refuses ending it.

function fakes(candidates: string[], options: { broken?: string[]; refuse?: boolean; area?: ReturnType<typeof memoryArea> } = {}) {
  const filledWith: string[] = [];
  let url = 'https://login.acme.test/';
  const tabs: FillTabs = {
    get: async () => ({ url }),
    getAllFrames: async () => [{ frameId: 0, parentFrameId: -1, url }],
    sendMessage: async (_tabId, message) => {
      if (options.refuse) return { refused: 'covered' };
      filledWith.push((message as { login: string }).login);
      return { filled: ['username', 'password'] };
    },
  };
  const session = {
    fillCandidates: async () => candidates,
    autofillValues: async (itemId: string, pageUrl: string) => {
      if (options.broken?.includes(itemId)) throw new SessionError('tampered', 'MAC failed');
      return { origin: new URL(pageUrl).origin, login: `login of ${itemId}`, password: 'pw', passwordFieldId: 'password', totp: null, totpFieldId: null };
    },
    reportFill: () => undefined,
  };
  const area = options.area ?? memoryArea();
  return { gesture: createGestureFill(session, tabs, area), filledWith, area, navigate: (next: string) => void (url = next) };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'filled';
  } catch (error) {
    return error instanceof SessionError ? error.code : String(error);
  }
}

describe('createGestureFill', () => {
  it('fills the best match, and "next" cycles through the page’s matches', async () => {
    const { gesture, filledWith } = fakes(['a', 'b', 'c']);
    await gesture.fill(1, false);
    await gesture.fill(1, true);
    await gesture.fill(1, true);
    await gesture.fill(1, true);
    await gesture.fill(1, false);
    expect(filledWith).toEqual(['login of a', 'login of b', 'login of c', 'login of a', 'login of a']);
  });

  it('goes on where it was in a worker the browser stopped and started again, and forgets a closed tab', async () => {
    const first = fakes(['a', 'b', 'c']);
    await first.gesture.fill(1, false);
    await first.gesture.fill(1, true);
    const restarted = fakes(['a', 'b', 'c'], { area: first.area });
    await restarted.gesture.fill(1, true);
    await restarted.gesture.forget(1);
    await restarted.gesture.fill(1, true);
    expect([...first.filledWith, ...restarted.filledWith]).toEqual(['login of a', 'login of b', 'login of c', 'login of a']);
  });

  it('starts again from the best match on another page', async () => {
    const { gesture, filledWith, navigate } = fakes(['a', 'b']);
    await gesture.fill(1, false);
    navigate('https://login.acme.test/other');
    await gesture.fill(1, true);
    expect(filledWith).toEqual(['login of a', 'login of a']);
  });

  it('skips an entry that fails its check, and says so when none is left', async () => {
    const { gesture, filledWith } = fakes(['broken', 'b'], { broken: ['broken'] });
    await gesture.fill(1, false);
    expect(filledWith).toEqual(['login of b']);
    expect(await codeOf(fakes(['broken'], { broken: ['broken'] }).gesture.fill(1, false))).toBe('tampered');
  });

  it('stops at a page that refuses, and has nothing to fill on a page no entry is for', async () => {
    expect(await codeOf(fakes(['a', 'b'], { refuse: true }).gesture.fill(1, false))).toBe('fillRefused');
    expect(await codeOf(fakes([]).gesture.fill(1, false))).toBe('notForThisSite');
  });
});
