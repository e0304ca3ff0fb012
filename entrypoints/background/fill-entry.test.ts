import { describe, expect, it } from 'vitest';
import { SessionError } from '../../lib/session/session-error';
import { fillEntry, type FillTabs } from './fill-entry';

// The worker's half of the popup's Fill, with the tab and the session faked: where the URL comes
// from, where the values go, and what each refusal becomes.

function fakes(options: { url?: string; reply?: unknown; unreachable?: boolean; frames?: { frameId: number; parentFrameId: number; url: string }[]; frameReplies?: Record<number, unknown> } = {}) {
  const sent: { tabId: number; message: unknown; options: { frameId: number; documentId?: string } }[] = [];
  const reported: string[] = [];
  const asked: { pageUrl: string; allowInsecure: boolean }[] = [];
  const tabs: FillTabs = {
    get: async () => ('url' in options ? { ...(options.url ? { url: options.url } : {}) } : { url: 'https://login.acme.test/signin?next=1' }),
    sendMessage: async (tabId, message, sendOptions) => {
      sent.push({ tabId, message, options: sendOptions });
      if (options.unreachable) throw new Error('Could not establish connection. Receiving end does not exist.');
      if (sendOptions.frameId !== 0) return options.frameReplies?.[sendOptions.frameId] ?? { refused: 'noLoginForm' };
      return options.reply ?? { filled: ['username', 'password'] };
    },
    getAllFrames: async () => [{ frameId: 0, parentFrameId: -1, url: 'https://login.acme.test/signin?next=1', documentId: 'doc-top' }, ...(options.frames ?? [])],
  };
  const session = {
    autofillValues: async (_itemId: string, pageUrl: string, allowInsecure: boolean, checks: { enclosedBy?: readonly string[] } = {}) => {
      asked.push({ pageUrl, allowInsecure });
      // The entry is acme.test's: another site's page or frame does not match it, nor one inside such a frame.
      if (![pageUrl, ...(checks.enclosedBy ?? [])].every((url) => new URL(url).hostname.endsWith('acme.test'))) throw new SessionError('notForThisSite', 'not this site');
      return { origin: new URL(pageUrl).origin, login: 'ana', password: 'secret', passwordFieldId: 'password', totp: null, totpFieldId: null };
    },
    reportFill: (itemId: string, secrets: { passwordFieldId: string | null; totpFieldId: string | null }) => void reported.push(`${itemId} ${secrets.passwordFieldId} ${secrets.totpFieldId}`),
  };
  return { tabs, session, sent, reported, asked };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SessionError) return `${error.code}${error.detail?.refusal ? ` ${error.detail.refusal}` : ''}`;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('fillEntry', () => {
  it('matches the tab’s own URL, sends the values to its top frame only with the origin to check, and reports the fill', async () => {
    const { tabs, session, sent, reported, asked } = fakes();
    expect(await fillEntry(session, tabs, { tabId: 4, itemId: 'item-1', allowInsecure: false })).toEqual({ filled: ['username', 'password'] });
    expect(asked).toEqual([{ pageUrl: 'https://login.acme.test/signin?next=1', allowInsecure: false }]);
    // The top frame's document is named: had the tab navigated since, the message would reach nothing.
    expect(sent).toEqual([{ tabId: 4, message: { type: 'content.fill', origin: 'https://login.acme.test', login: 'ana', password: 'secret', totp: null }, options: { frameId: 0, documentId: 'doc-top' } }]);
    // The password field, for the server's log: no code box was filled.
    expect(reported).toEqual(['item-1 password null']);
  });

  it('fills a frame of the page’s own site when the top page has no form, never a frame of another site', async () => {
    const frames = [
      { frameId: 3, parentFrameId: 0, url: 'https://evil.test/login' },
      { frameId: 5, parentFrameId: 0, url: 'https://sso.acme.test/frame' },
    ];
    const { tabs, session, sent } = fakes({ reply: { refused: 'noLoginForm' }, frames, frameReplies: { 5: { filled: ['username', 'password'] } } });
    expect(await fillEntry(session, tabs, { tabId: 4, itemId: 'item-1', allowInsecure: false })).toEqual({ filled: ['username', 'password'] });
    expect(sent.map(({ options, message }) => [options.frameId, (message as { origin: string }).origin])).toEqual([
      [0, 'https://login.acme.test'],
      [5, 'https://sso.acme.test'],
    ]);
  });

  it('never fills a frame of the entry’s site inside a frame of another site', async () => {
    const frames = [
      { frameId: 3, parentFrameId: 0, url: 'https://ads.evil.test/slot' },
      { frameId: 7, parentFrameId: 3, url: 'https://sso.acme.test/frame' },
    ];
    const { tabs, session, sent } = fakes({ reply: { refused: 'noLoginForm' }, frames, frameReplies: { 7: { filled: ['username', 'password'] } } });
    expect(await refusal(fillEntry(session, tabs, { tabId: 4, itemId: 'item-1', allowInsecure: false }))).toBe('fillRefused noLoginForm');
    expect(sent.map(({ options }) => options.frameId)).toEqual([0]);
  });

  it('says why the top page was not filled when no frame fills either', async () => {
    const { tabs, session } = fakes({ reply: { refused: 'covered' }, frames: [{ frameId: 5, parentFrameId: 0, url: 'https://sso.acme.test/frame' }] });
    expect(await refusal(fillEntry(session, tabs, { tabId: 4, itemId: 'item-1', allowInsecure: false }))).toBe('fillRefused covered');
  });

  it('tells a frame’s specific refusal over the top page having no form', async () => {
    const { tabs, session } = fakes({ reply: { refused: 'noLoginForm' }, frames: [{ frameId: 5, parentFrameId: 0, url: 'https://sso.acme.test/frame' }], frameReplies: { 5: { refused: 'sandboxed' } } });
    expect(await refusal(fillEntry(session, tabs, { tabId: 4, itemId: 'item-1', allowInsecure: false }))).toBe('fillRefused sandboxed');
  });

  it('reports nothing when only the login was filled', async () => {
    const { tabs, session, reported } = fakes({ reply: { filled: ['username'] } });
    await fillEntry(session, tabs, { tabId: 4, itemId: 'item-1', allowInsecure: false });
    expect(reported).toEqual([]);
  });

  it.each([
    ['a tab with no web page', { url: '' }, 'notForThisSite'],
    ['a page without the content script', { unreachable: true }, 'fillRefused noLoginForm'],
    ['a frame that refuses a covered field', { reply: { refused: 'covered' } }, 'fillRefused covered'],
    ['a frame that moved to another site', { reply: { refused: 'wrongOrigin' } }, 'fillRefused wrongOrigin'],
    ['an answer of the wrong shape', { reply: { filled: ['credit card'] } }, 'fillRefused noLoginForm'],
  ])('refuses %s', async (_, options, expected) => {
    const { tabs, session, reported } = fakes(options);
    expect(await refusal(fillEntry(session, tabs, { tabId: 4, itemId: 'item-1', allowInsecure: false }))).toBe(expected);
    expect(reported).toEqual([]);
  });
});
