import { describe, expect, it } from 'vitest';
import type { SaveOffer } from '../../lib/messages/protocol';
import { memoryArea } from '../../lib/settings/memory-area';
import { SessionError } from '../../lib/session/session-error';
import type { CapturedLogin } from '../../lib/vault/saving/captured-login';
import { createSaveService } from './save-service';

// The worker's side of saving with the browser and the session faked: what is kept, when the bar is
// asked for, which bar is answered, and what each answer does.

const BAR_PAGE = 'chrome-extension://keyhold/save-bar.html';
const TOP = { tabId: 4, frameId: 0, url: 'https://www.acme.test/login' };

function fakes(offer: SaveOffer | null = { kind: 'save', site: 'acme.test', login: 'ana' }) {
  const sent: { message: unknown; frameId: number }[] = [];
  const calls: string[] = [];
  const offered: CapturedLogin[] = [];
  let clock = 1_000_000;
  let unlocked = true;
  const session = {
    isUnlocked: async () => unlocked,
    saveOffer: async (capture: CapturedLogin) => (offered.push(capture), offer),
    saveCaptured: async (capture: CapturedLogin, choice: { name: string }) => (calls.push(`save ${capture.login}/${capture.password} as ${choice.name}`), { itemId: 'new-item' }),
    updateCaptured: async (capture: CapturedLogin, itemId: string) => (calls.push(`update ${itemId} to ${capture.password}`), { itemId }),
    neverSaveFor: async (capture: CapturedLogin) => void calls.push(`never ${capture.url}`),
  };
  const tabs = {
    get: async () => ({ url: TOP.url }),
    sendMessage: async (_tabId: number, message: unknown, options: { frameId: number }) => void sent.push({ message, frameId: options.frameId }),
    getAllFrames: async () => [{ frameId: 0, parentFrameId: -1, url: 'https://www.acme.test/home' }],
  };
  const area = memoryArea();
  const service = createSaveService(session, tabs, BAR_PAGE, area, () => clock);
  const waiting = () => Object.keys((area.items.get('keyhold.save') as object | undefined) ?? {}).length;
  return { service, sent, calls, offered, area, waiting, tick: (ms: number) => (clock += ms), lock: () => (unlocked = false) };
}

const barOf = (token: string) => ({ id: 'keyhold', url: `${BAR_PAGE}#${token}`, tab: { id: 4 }, frameId: 9 });

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'served';
  } catch (error) {
    if (error instanceof SessionError) return error.code;
    throw error;
  }
}

describe('the save service', () => {
  it('offers the login sent once the next page asks for no login, and saves it from the bar bearing the token', async () => {
    const { service, calls, sent } = fakes();
    expect(await service.pageLoaded(TOP, undefined)).toEqual({ barToken: null });
    await service.captured(TOP, { login: 'ana', password: 'secret', newPassword: null });
    // A login waits: the page is asked to look for a login form, and one there means no bar.
    expect(await service.pageLoaded(TOP, undefined)).toEqual({ barToken: null, waiting: true });
    expect(await service.pageLoaded(TOP, true)).toEqual({ barToken: null });
    const { barToken } = await service.pageLoaded({ ...TOP, url: 'https://www.acme.test/home' }, false);
    expect(barToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await service.offer(barOf(barToken!))).toEqual({ kind: 'save', site: 'acme.test', login: 'ana' });
    expect(await code(service.offer(barOf('x'.repeat(22))))).toBe('forbiddenSender');
    expect(await code(service.offer({ ...barOf(barToken!), url: `https://evil.test/#${barToken}` }))).toBe('forbiddenSender');
    await service.save(barOf(barToken!), { name: 'Acme', vaultId: 'v1', folderId: null });
    expect(calls).toEqual(['save ana/secret as Acme']);
    expect(sent).toEqual([{ message: { type: 'content.saveBarClose' }, frameId: 0 }]);
    // Answered: nothing more to offer.
    expect(await service.pageLoaded(TOP, false)).toEqual({ barToken: null });
  });

  it('stitches a username step to the password page that follows it', async () => {
    const { service, offered } = fakes();
    await service.captured(TOP, { login: 'ana', password: null, newPassword: null });
    await service.captured({ ...TOP, url: 'https://login.acme.test/password' }, { login: null, password: 'secret', newPassword: null });
    await service.succeeded(TOP);
    expect(offered.map(({ login, password }) => [login, password])).toEqual([['ana', 'secret']]);
  });

  it('draws the bar in the top frame when a single-page app signed in, and updates the entry from it', async () => {
    const { service, sent, calls } = fakes({ kind: 'update', site: 'acme.test', itemId: 'item-1', name: 'Acme', login: 'ana' });
    const frame = { ...TOP, frameId: 3, url: 'https://login.acme.test/frame' };
    await service.captured(frame, { login: 'ana', password: 'n3w', newPassword: null });
    expect(await service.succeeded(frame)).toEqual({ offered: true });
    const [drawn] = sent as [{ message: { type: string; token: string }; frameId: number }];
    expect(drawn.frameId).toBe(0);
    await service.update(barOf(drawn.message.token));
    expect(calls).toEqual(['update item-1 to n3w']);
  });

  it('offers nothing when the session has nothing to offer, or the sign-in came too late', async () => {
    const none = fakes(null);
    await none.service.captured(TOP, { login: 'ana', password: 'same', newPassword: null });
    expect(await none.service.succeeded(TOP)).toEqual({ offered: false });
    const late = fakes();
    await late.service.captured(TOP, { login: 'ana', password: 'secret', newPassword: null });
    late.tick(61_000);
    expect(await late.service.pageLoaded(TOP, false)).toEqual({ barToken: null });
    expect(late.offered).toEqual([]);
  });

  it('marks the site never, or lets the login go, and forgets a closed tab', async () => {
    const { service, calls, waiting } = fakes();
    await service.captured(TOP, { login: 'ana', password: 'secret', newPassword: null });
    const { barToken } = await service.pageLoaded(TOP, false);
    await service.never(barOf(barToken!));
    expect(calls).toEqual([`never ${TOP.url}`]);
    await service.captured(TOP, { login: 'bo', password: 'other', newPassword: null });
    const again = await service.pageLoaded(TOP, false);
    await service.dismiss(barOf(again.barToken!));
    expect(waiting()).toBe(0);
    await service.captured(TOP, { login: 'cy', password: 'third', newPassword: null });
    service.forgetTab(4);
    await expect.poll(waiting).toBe(0);
  });

  it('never offers a login sent at one site inside another site’s page', async () => {
    const { service, offered } = fakes();
    await service.captured(TOP, { login: 'ana', password: 'typo', newPassword: null });
    expect(await service.pageLoaded({ ...TOP, url: 'https://evil.test/' }, false)).toEqual({ barToken: null });
    expect(offered).toEqual([]);
    expect((await service.pageLoaded({ ...TOP, url: 'https://app.acme.test/' }, false)).barToken).not.toBeNull();
  });

  it('keeps nothing while locked, forgets everything on lock, and lets an unanswered offer go after five minutes', async () => {
    const { service, area, waiting, tick, lock } = fakes();
    await service.captured(TOP, { login: 'ana', password: 'secret', newPassword: null });
    const { barToken } = await service.pageLoaded(TOP, false);
    tick(4 * 60_000);
    expect(await service.offer(barOf(barToken!))).toMatchObject({ kind: 'save' });
    tick(2 * 60_000);
    expect(await code(service.offer(barOf(barToken!)))).toBe('forbiddenSender');
    expect(waiting()).toBe(0);
    await service.captured(TOP, { login: 'ana', password: 'secret', newPassword: null });
    await service.forgetAll();
    expect(area.items.has('keyhold.save')).toBe(false);
    lock();
    expect(await service.captured(TOP, { login: 'ana', password: 'secret', newPassword: null })).toEqual({ kept: false });
    expect(waiting()).toBe(0);
  });
});
