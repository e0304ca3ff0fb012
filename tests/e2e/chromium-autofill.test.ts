import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumHarness } from '../helpers/chromium';
import { ownerElsewhere } from '../helpers/extension-session';
import type { TestMember } from '../helpers/organisation';
import { recordedEvents } from '../helpers/recorded-events';
import { startServer, type RunningServer } from '../helpers/server-process';
import { startStaticSite, type StaticSite } from '../helpers/static-site';
import { newItem, newVault } from '../helpers/vault-fixtures';
import { newTotpSecret, totpCode } from '../../lib/vault/totp';
import { hasChromium } from './fixtures';
import { checkAgainstRules } from '../../lib/vault/password-rules/check-rules';
import { parsePasswordRules } from '../../lib/vault/password-rules/parse-rules';
import { closeExtensionPages, openPopup, registerOwner, storedAccount } from './session-helpers';
import type { ExtensionGlobals } from './extension-api';

// Filling (issue #8) in real Chromium against the real server — from the popup, the keyboard
// shortcuts and the context menu: the worker takes the page's and frames' URLs from the browser,
// verifies and matches the entry, and sends the values to one frame at a time, which fills only
// visible fields, with the events a framework listens to. Pages are local fixtures reached under
// realistic names (*.test maps to 127.0.0.1).

const POLL = { timeout: 15_000 };
const TOTP_SECRET = newTotpSecret();

describe.skipIf(!hasChromium)('filling in Chromium', () => {
  let server: RunningServer;
  let site: StaticSite;
  let chromium: ChromiumHarness;
  let owner: TestMember;
  let popup: Page;
  const ids: Record<string, string> = {};
  let vault: Awaited<ReturnType<typeof newVault>>;

  beforeAll(async () => {
    [server, site] = await Promise.all([startServer({ engine: 'sqlite' }), startStaticSite()]);
    chromium = await launchChromium();
    popup = await openPopup(chromium);
    await registerOwner(popup, server);
    owner = await ownerElsewhere(server, await storedAccount(chromium));
    vault = await newVault(owner, { name: 'Sites' });
    const entries = {
      acme: { name: 'Acme', login: 'ana@acme.test', urls: [{ url: 'http://login.acme.test/', match: 'domain' as const }], password: 'acme password 1' },
      secure: { name: 'Acme secure', login: 'ana@secure.test', urls: [{ url: 'https://secure.test/', match: 'domain' as const }], password: 'secure password 2' },
    };
    for (const [key, entry] of Object.entries(entries)) {
      const { password, ...rest } = entry;
      ids[key] = (await newItem(owner, vault, { ...rest, fields: [{ id: 'password', type: 'password', label: 'Password', value: password }] })).id;
    }
    ids.twoStep = (
      await newItem(owner, vault, {
        name: 'Two-step',
        login: 'ana@two-step.test',
        urls: [{ url: 'http://two-step.test/', match: 'domain' }],
        fields: [
          { id: 'password', type: 'password', label: 'Password', value: 'two-step password' },
          { id: 'otp', type: 'totp', label: 'One-time code', value: TOTP_SECRET },
        ],
      })
    ).id;
    await closeExtensionPages(chromium);
    popup = await openPopup(chromium);
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await Promise.all([server?.stop(), site?.close()]);
  });

  /** Opens `page` at `host` in a new tab and returns it with the tab's id. */
  async function openSite(page: string, host: string): Promise<{ tab: Page; tabId: number }> {
    const tab = await chromium.context.newPage();
    const url = site.url(`autofill/${page}`, host);
    await tab.goto(url);
    const tabId = await popup.evaluate(async (address) => {
      // The newest tab at that address: a retried test opens the same page again.
      const found = await (globalThis as unknown as ExtensionGlobals).chrome.tabs.query({ url: address });
      return Math.max(...found.map((candidate) => candidate.id!));
    }, url);
    return { tab, tabId };
  }

  /** Asks the worker for a fill as the popup's Fill button does; the refusal's code, or the fields filled. */
  async function fill(tabId: number, itemId: string, allowInsecure = false): Promise<string> {
    const reply = await popup.evaluate((message) => (globalThis as unknown as ExtensionGlobals).chrome.runtime.sendMessage(message), { type: 'autofill.fill', tabId, itemId, ...(allowInsecure ? { allowInsecure } : {}) });
    const typed = reply as { ok: true; value: { filled: string[] } } | { ok: false; error: { code: string; detail?: { refusal?: string } } };
    return typed.ok ? `filled ${typed.value.filled.join(' ')}` : `${typed.error.code}${typed.error.detail?.refusal ? ` ${typed.error.detail.refusal}` : ''}`;
  }

  const values = (tab: Page) => tab.evaluate(() => [...document.querySelectorAll('input')].map((input) => [input.name, input.value]));

  it('fills the login and the password of a form, with the input and change events a framework listens to, and logs the fill', async () => {
    const { tab, tabId } = await openSite('login.html', 'login.acme.test');
    expect(await fill(tabId, ids.acme!)).toBe('filled username password');
    expect(await values(tab)).toEqual([
      ['email', 'ana@acme.test'],
      ['password', 'acme password 1'],
    ]);
    const recorded = await tab.evaluate(() => (window as unknown as { recorded: string[][] }).recorded);
    expect(recorded).toEqual([
      ['input', 'email', 'ana@acme.test'],
      ['change', 'email', 'ana@acme.test'],
      ['input', 'password', 'acme password 1'],
      ['change', 'password', 'acme password 1'],
    ]);
    // The caret stays in the password box, so Enter signs in.
    expect(await tab.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('password');
    // The worker reports the fill to the server's log (queued, batched): the entry, its vault, and that it came from the extension.
    await expect
      .poll(async () => (await recordedEvents(server, 'password.filled', owner.userId)).map((event) => [event.target?.id, event.details.fieldType, event.browserMode, event.vaultId !== null, event.ip !== null]), POLL)
      .toContainEqual([ids.acme, 'password', true, true, true]);
  });

  it('fills inputs that are not in a form, and the login box of a username-first step', async () => {
    const plain = await openSite('no-form.html', 'www.acme.test');
    expect(await fill(plain.tabId, ids.acme!)).toBe('filled username password');
    expect(await values(plain.tab)).toEqual([
      ['user', 'ana@acme.test'],
      ['pass', 'acme password 1'],
    ]);
    const step = await openSite('username-step.html', 'login.acme.test');
    expect(await fill(step.tabId, ids.acme!)).toBe('filled username');
    expect(await values(step.tab)).toEqual([['identifier', 'ana@acme.test']]);
  });

  it('fills a login form hidden in a closed shadow root inside an open one', async () => {
    const { tab, tabId } = await openSite('shadow-closed.html', 'login.acme.test');
    expect(await fill(tabId, ids.acme!)).toBe('filled username password');
    expect(await tab.evaluate(() => (window as unknown as { shadowValues(): string[] }).shadowValues())).toEqual(['ana@acme.test', 'acme password 1']);
    // The component's own listeners saw typing-like input events (the page's, outside, see them retargeted to the host).
    const own = await tab.evaluate(() => (window as unknown as { recorded: (string | undefined)[][] }).recorded.filter(([type, name]) => type === 'input' && name));
    expect(own).toEqual([
      ['input', 'email', 'ana@acme.test'],
      ['input', 'password', 'acme password 1'],
    ]);
  });

  /** The values of the inputs of the frame at `path` in `tab`. */
  const frameValues = (tab: Page, path: string) => {
    const frame = tab.frames().find((candidate) => candidate.url().endsWith(path));
    return frame!.evaluate(() => [...document.querySelectorAll('input')].map((input) => input.value));
  };

  it('fills a login form in a frame of the page’s own site, same origin or not', async () => {
    for (const [page, host] of [
      ['frame-same-origin.html', 'login.acme.test'],
      ['frame-same-site.html', 'www.acme.test'],
    ] as const) {
      const { tab, tabId } = await openSite(page, host);
      await expect.poll(() => tab.frames().length, POLL).toBe(2);
      await tab.frames()[1]!.waitForSelector('input[type="password"]');
      expect(await fill(tabId, ids.acme!), page).toBe('filled username password');
      expect(await frameValues(tab, '/autofill/login.html'), page).toEqual(['ana@acme.test', 'acme password 1']);
    }
  });

  it('fills nothing in a frame of the entry’s site framed by another site, nor in a sandboxed frame', async () => {
    const framed = await openSite('frame-same-site.html', 'evil.test');
    await expect.poll(() => framed.tab.frames().length, POLL).toBe(2);
    await framed.tab.frames()[1]!.waitForSelector('input[type="password"]');
    expect(await fill(framed.tabId, ids.acme!)).toBe('notForThisSite');
    expect(await frameValues(framed.tab, '/autofill/login.html')).toEqual(['', '']);

    const sandboxed = await openSite('frame-sandbox-attribute.html', 'login.acme.test');
    await expect.poll(() => sandboxed.tab.frames().length, POLL).toBe(2);
    await sandboxed.tab.frames()[1]!.waitForSelector('input[type="password"]');
    expect(await fill(sandboxed.tabId, ids.acme!)).toBe('fillRefused sandboxed');
    expect(await frameValues(sandboxed.tab, '/autofill/login.html')).toEqual(['', '']);
  });

  /**
   * What the browser does on the shortcut or the menu click: it calls the worker's listener with the
   * tab (headless Chromium does not route key presses to extension shortcuts, so the event is
   * dispatched to the real listener directly).
   */
  const dispatch = (kind: 'command' | 'menu', tabId: number, command = 'fill-login') =>
    chromium.worker.evaluate(
      ({ kind, tabId, command }) => {
        type Dispatchable = { dispatch(...args: unknown[]): void };
        const api = (globalThis as unknown as ExtensionGlobals).chrome as unknown as { commands: { onCommand: Dispatchable }; contextMenus: { onClicked: Dispatchable } };
        if (kind === 'command') api.commands.onCommand.dispatch(command, { id: tabId });
        else api.contextMenus.onClicked.dispatch({ menuItemId: 'keyhold-fill' }, { id: tabId });
      },
      { kind, tabId, command },
    );
  const badge = (tabId: number) => chromium.worker.evaluate((id) => (globalThis as unknown as ExtensionGlobals).chrome.action.getBadgeText({ tabId: id }), tabId);

  it('fills with the shortcuts, the next one moving on to the page’s other login, and from the context menu', async () => {
    const vault = await newVault(owner, { name: 'Second logins' });
    await newItem(owner, vault, { name: 'Acme (admin)', login: 'admin@acme.test', urls: [{ url: 'http://login.acme.test/', match: 'domain' }], fields: [{ id: 'password', type: 'password', label: 'Password', value: 'admin password' }] });
    await popup.evaluate(() => (globalThis as unknown as ExtensionGlobals).chrome.runtime.sendMessage({ type: 'sync.now' }));
    const { tab, tabId } = await openSite('login.html', 'login.acme.test');
    const logins = new Set<string>();
    await dispatch('command', tabId);
    await expect.poll(async () => (await values(tab))[0]![1], POLL).not.toBe('');
    logins.add((await values(tab))[0]![1]!);
    await dispatch('command', tabId, 'fill-next-login');
    await expect.poll(async () => logins.has((await values(tab))[0]![1]!), POLL).toBe(false);
    logins.add((await values(tab))[0]![1]!);
    expect([...logins].sort()).toEqual(['admin@acme.test', 'ana@acme.test']);

    const menu = await openSite('login.html', 'www.acme.test');
    await dispatch('menu', menu.tabId);
    await expect.poll(async () => (await values(menu.tab))[1]![1], POLL).not.toBe('');
  });

  it('says on the toolbar button why a shortcut filled nothing', async () => {
    const { tab, tabId } = await openSite('covered.html', 'login.acme.test');
    await dispatch('command', tabId);
    await expect.poll(() => badge(tabId), POLL).toBe('!');
    const title = await chromium.worker.evaluate((id) => (globalThis as unknown as ExtensionGlobals).chrome.action.getTitle({ tabId: id }), tabId);
    expect(title).toBe('The login form is hidden or covered by something else on the page, so Keyhold did not fill it.');
    expect((await values(tab)).every(([, value]) => value === '')).toBe(true);
  });

  it('fills the one-time code into the code page after the login, one digit per box', async () => {
    const { tab, tabId } = await openSite('code-step.html', 'login.two-step.test');
    const before = Date.now();
    expect(await fill(tabId, ids.twoStep!)).toBe('filled totp');
    const after = Date.now();
    const code = (await values(tab)).map(([, digit]) => digit).join('');
    // The code may have been computed just before a 30 s boundary the test then crossed.
    expect([totpCode({ secret: TOTP_SECRET }, before), totpCode({ secret: TOTP_SECRET }, after)]).toContain(code);
    await expect.poll(async () => (await recordedEvents(server, 'totp.filled', owner.userId)).map((event) => [event.target?.id, event.details.fieldType, event.browserMode]), POLL).toContainEqual([ids.twoStep, 'totp', true]);
  });

  it('fills forms as sites build them: controlled inputs rendered again from state, a form drawn late, floating labels over the boxes, a modal dialog', async () => {
    const react = await openSite('react-like.html', 'login.acme.test');
    expect(await fill(react.tabId, ids.acme!)).toBe('filled username password');
    await expect.poll(() => react.tab.evaluate(() => (window as unknown as { submitted(): object }).submitted()), POLL).toEqual({ email: 'ana@acme.test', password: 'acme password 1' });
    expect(await values(react.tab)).toEqual([
      ['email', 'ana@acme.test'],
      ['password', 'acme password 1'],
    ]);

    const late = await openSite('late-form.html', 'login.acme.test');
    await late.tab.waitForFunction(() => (window as unknown as { rendered?: boolean }).rendered === true);
    expect(await fill(late.tabId, ids.acme!)).toBe('filled username password');

    // Forms that take values on blur see both, with the caret still in the password box.
    const onBlur = await openSite('angular-like.html', 'login.acme.test');
    expect(await fill(onBlur.tabId, ids.acme!)).toBe('filled username password');
    expect(await onBlur.tab.evaluate(() => (window as unknown as { model(): object }).model())).toEqual({ email: 'ana@acme.test', password: 'acme password 1' });
    expect(await onBlur.tab.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('password');

    const floating = await openSite('floating-labels.html', 'login.acme.test');
    expect(await fill(floating.tabId, ids.acme!)).toBe('filled username password');

    const dialog = await openSite('dialog.html', 'login.acme.test');
    expect(await fill(dialog.tabId, ids.acme!)).toBe('filled username password');
    expect((await values(dialog.tab))[1]).toEqual(['password', 'acme password 1']);
  });

  it('fills the password alone on a password step that keeps the login in a hidden box', async () => {
    const { tab, tabId } = await openSite('password-step.html', 'login.acme.test');
    expect(await fill(tabId, ids.acme!)).toBe('filled password');
    expect(await values(tab)).toEqual([
      ['user', 'ana@acme.test'],
      ['password', 'acme password 1'],
    ]);
  });

  it('finds the form two shadow roots deep at the end of a 200,000-node page', async () => {
    const { tab, tabId } = await openSite('big-page.html', 'login.acme.test');
    expect(await tab.evaluate(() => (window as unknown as { nodeCount: number }).nodeCount)).toBeGreaterThan(200_000);
    expect(await fill(tabId, ids.acme!)).toBe('filled username password');
    expect(await tab.evaluate(() => (window as unknown as { loginValues(): string[] }).loginValues())).toEqual(['ana@acme.test', 'acme password 1']);
  });

  /** The text and password boxes of the page (not check boxes), by name. */
  const boxes = (tab: Page) => tab.evaluate(() => [...document.querySelectorAll('input')].filter((input) => input.type !== 'checkbox').map((input) => [input.name, input.value]));
  const LOGIN = 'ana@acme.test';
  const PASSWORD = 'acme password 1';

  it.each<[string, string, [string, string][]]>([
    ['two-forms.html', 'filled username password', [['header_user', ''], ['header_pass', ''], ['email', LOGIN], ['password', PASSWORD]]],
    ['remember-me.html', 'filled username password', [['email', LOGIN], ['password', PASSWORD]]],
    ['company-id.html', 'filled username password', [['company', ''], ['user', LOGIN], ['password', PASSWORD]]],
    ['text-login.html', 'filled username password', [['login', LOGIN], ['pass', PASSWORD]]],
    ['rtl.html', 'filled username password', [['email', LOGIN], ['password', PASSWORD]]],
    ['honeypot-and-real.html', 'filled username password', [['email', LOGIN], ['trap', ''], ['password', PASSWORD]]],
    ['change-password.html', 'filled password', [['current', PASSWORD], ['new', ''], ['repeat', '']]],
    ['vue-like.html', 'filled username password', [['email', LOGIN], ['password', PASSWORD]]],
    ['signup.html', 'fillRefused noLoginForm', [['email', ''], ['new', ''], ['repeat', '']]],
    ['payment.html', 'fillRefused noLoginForm', [['cardnumber', ''], ['cvc', ''], ['pin', '']]],
    ['newsletter.html', 'fillRefused noLoginForm', [['email', '']]],
    ['offscreen-form.html', 'fillRefused covered', [['email', ''], ['password', '']]],
    ['tiny-fields.html', 'fillRefused zeroSize', [['email', ''], ['password', '']]],
    ['clipped.html', 'fillRefused transparent', [['email', ''], ['password', '']]],
    ['background-layer.html', 'filled username password', [['email', LOGIN], ['password', PASSWORD]]],
    ['deep-decoy.html', 'fillRefused covered', [['email', ''], ['password', '']]],
    ['strips.html', 'fillRefused covered', [['email', ''], ['password', '']]],
    ['washed-out.html', 'fillRefused transparent', [['email', ''], ['password', '']]],
    ['filter-opacity.html', 'fillRefused transparent', [['email', ''], ['password', '']]],
    ['faded-wrapper.html', 'fillRefused transparent', [['email', ''], ['password', '']]],
  ])('on %s: %s', async (page, expected, after) => {
    const { tab, tabId } = await openSite(page, 'login.acme.test');
    expect(await fill(tabId, ids.acme!)).toBe(expected);
    expect(await boxes(tab)).toEqual(after);
  });

  it('fills the page, never the frame of another site inside it; and reaches a form two same-origin frames deep', async () => {
    const { tab, tabId } = await openSite('evil-frame-inside.html', 'login.acme.test');
    await expect.poll(() => tab.frames().length, POLL).toBe(2);
    await tab.frames()[1]!.waitForSelector('input[type="password"]');
    expect(await fill(tabId, ids.acme!)).toBe('filled username password');
    expect(await boxes(tab)).toEqual([
      ['email', LOGIN],
      ['password', PASSWORD],
    ]);
    expect(await frameValues(tab, '/autofill/login.html')).toEqual(['', '']);

    const nested = await openSite('nested-frames.html', 'login.acme.test');
    await expect.poll(() => nested.tab.frames().length, POLL).toBe(3);
    await nested.tab.frames()[2]!.waitForSelector('input[type="password"]');
    expect(await fill(nested.tabId, ids.acme!)).toBe('filled username password');
    expect(await frameValues(nested.tab, '/autofill/login.html')).toEqual([LOGIN, PASSWORD]);
  });

  /** Whether the page's document has our icon's host: an element with a random x-… name and nothing else to know it by. */
  const hasIcon = (tab: Page) => tab.evaluate(() => [...document.querySelectorAll('*')].some((element) => /^X-[0-9A-Z]+$/.test(element.tagName)));
  // The menu's URL ends in the token its content script made for it.
  const menuFrame = (tab: Page) => tab.frames().find((frame) => new URL(frame.url()).pathname === '/inline-menu.html') ?? null;

  it('puts an icon in the login field; its menu lists the site’s logins and fills the one clicked', async () => {
    const { tab } = await openSite('login.html', 'login.acme.test');
    await expect.poll(() => hasIcon(tab), POLL).toBe(true);
    const box = (await tab.locator('input[name="email"]').boundingBox())!;
    await tab.mouse.click(box.x + box.width - 16, box.y + box.height / 2);
    await expect.poll(() => menuFrame(tab) !== null, POLL).toBe(true);
    const menu = menuFrame(tab)!;
    await menu.getByRole('option', { name: /^Acme/ }).first().waitFor();
    // Names and logins only: no password is in the menu.
    expect(await menu.evaluate(() => document.body.textContent)).not.toContain('acme password');
    await menu.getByRole('option', { name: /^Acme ana@acme\.test/ }).first().click();
    await expect.poll(() => values(tab), POLL).toEqual([
      ['email', LOGIN],
      ['password', PASSWORD],
    ]);
    await expect.poll(() => menuFrame(tab) === null, POLL).toBe(true);
  });

  it('opens the menu from the keyboard, and closes it when the page fades it out', async () => {
    const keyboard = await openSite('login.html', 'login.acme.test');
    await expect.poll(() => hasIcon(keyboard.tab), POLL).toBe(true);
    await keyboard.tab.locator('input[name="email"]').focus();
    await keyboard.tab.keyboard.press('ArrowDown');
    await expect.poll(() => menuFrame(keyboard.tab) !== null, POLL).toBe(true);
    await menuFrame(keyboard.tab)!.getByRole('option').first().waitFor();
    await expect.poll(() => menuFrame(keyboard.tab)!.evaluate(() => document.activeElement?.getAttribute('role')), POLL).toBe('option');
    await keyboard.tab.keyboard.press('Enter');
    await expect.poll(async () => (await values(keyboard.tab))[1]![1], POLL).not.toBe('');

    // The DOM clickjacking of 2025: the page makes everything nearly transparent once the menu is open.
    const faded = await openSite('login.html', 'login.acme.test');
    await expect.poll(() => hasIcon(faded.tab), POLL).toBe(true);
    await faded.tab.locator('input[name="email"]').focus();
    await faded.tab.keyboard.press('ArrowDown');
    await expect.poll(() => menuFrame(faded.tab) !== null, POLL).toBe(true);
    await faded.tab.evaluate(() => (document.documentElement.style.opacity = '0.05'));
    await expect.poll(() => menuFrame(faded.tab) === null, POLL).toBe(true);
    expect(await values(faded.tab)).toEqual([
      ['email', ''],
      ['password', ''],
    ]);
  });

  it('draws the menu above a site’s own sign-in dialog, and fills from it', async () => {
    const { tab } = await openSite('dialog.html', 'login.acme.test');
    await expect.poll(() => hasIcon(tab), POLL).toBe(true);
    const box = (await tab.locator('input[name="email"]').boundingBox())!;
    await tab.mouse.click(box.x + box.width - 16, box.y + box.height / 2);
    await expect.poll(() => menuFrame(tab) !== null, POLL).toBe(true);
    await menuFrame(tab)!.getByRole('option', { name: /^Acme ana@acme\.test/ }).first().click();
    await expect.poll(() => values(tab), POLL).toEqual([
      ['email', LOGIN],
      ['password', PASSWORD],
    ]);
  });

  it('closes the menu when the page takes the top layer over it, and gives up the icon on a page that keeps doing so', async () => {
    const { tab } = await openSite('menu-takeover.html', 'login.acme.test');
    await expect.poll(() => hasIcon(tab), POLL).toBe(true);
    const box = (await tab.locator('input[name="email"]').boundingBox())!;
    const takeovers = () => tab.evaluate(() => (window as unknown as { takeovers: number }).takeovers);
    // The page answers every entry into the top layer, the icon's own included: three while the menu is open take the icon away.
    for (let attempt = 0; attempt < 5 && (await hasIcon(tab)); attempt++) {
      await expect.poll(() => tab.evaluate(() => document.getElementById('prize')!.matches(':popover-open')), POLL).toBe(false);
      const before = await takeovers();
      await tab.mouse.click(box.x + box.width - 16, box.y + box.height / 2);
      await expect.poll(takeovers, POLL).toBeGreaterThan(before);
      await expect.poll(() => menuFrame(tab) === null, POLL).toBe(true);
    }
    await expect.poll(() => hasIcon(tab), POLL).toBe(false);
    expect(await values(tab)).toEqual([
      ['email', ''],
      ['password', ''],
    ]);
  });

  it('fills nothing when a decoy from a shadow root covers the menu: the browser reports the menu as not visible', async () => {
    const { tab } = await openSite('menu-shadow-decoy.html', 'login.acme.test');
    await expect.poll(() => hasIcon(tab), POLL).toBe(true);
    const box = (await tab.locator('input[name="email"]').boundingBox())!;
    await tab.mouse.click(box.x + box.width - 16, box.y + box.height / 2);
    await expect.poll(() => menuFrame(tab) !== null, POLL).toBe(true);
    await expect.poll(() => tab.evaluate(() => (window as unknown as { shown: boolean }).shown), POLL).toBe(true);
    const menu = menuFrame(tab)!;
    // The click goes through the decoy (pointer-events: none) to the menu the user cannot see.
    await menu.getByRole('option', { name: /^Acme ana@acme\.test/ }).first().click();
    await expect.poll(() => menu.locator('#notice').textContent(), POLL).toContain('cannot be sure this menu is fully visible');
    expect(await values(tab)).toEqual([
      ['email', ''],
      ['password', ''],
    ]);
  });

  it('closes the menu when the page takes it out of the top layer to cover it from below', async () => {
    const { tab } = await openSite('menu-out-of-top-layer.html', 'login.acme.test');
    await expect.poll(() => hasIcon(tab), POLL).toBe(true);
    const box = (await tab.locator('input[name="email"]').boundingBox())!;
    await tab.mouse.click(box.x + box.width - 16, box.y + box.height / 2);
    await expect.poll(() => tab.evaluate(() => document.getElementById('cover') !== null), POLL).toBe(true);
    await expect.poll(() => menuFrame(tab) === null, POLL).toBe(true);
    expect(await values(tab)).toEqual([
      ['email', ''],
      ['password', ''],
    ]);
  });

  it('puts the icon in when the user comes back to the field after Keyhold learnt of a login for the site', async () => {
    const { tab } = await openSite('login.html', 'later.test');
    await tab.waitForTimeout(1_000);
    expect(await hasIcon(tab)).toBe(false);
    await newItem(owner, vault, { name: 'Later', login: 'li@later.test', urls: [{ url: 'http://later.test/', match: 'domain' }], fields: [{ id: 'password', type: 'password', label: 'Password', value: 'later password' }] });
    await popup.evaluate(() => (globalThis as unknown as ExtensionGlobals).chrome.runtime.sendMessage({ type: 'sync.now' }));
    // Coming back to the field asks again (at most every two seconds).
    const comeBack = async () => {
      await tab.locator('input[name="password"]').focus();
      await tab.locator('input[name="email"]').focus();
      return hasIcon(tab);
    };
    await expect.poll(comeBack, POLL).toBe(true);
  });

  it('suggests a password that obeys the field’s rules on a sign-up form, puts it in both boxes, and offers to save it after signing up', async () => {
    const { tab } = await openSite('sign-up-rules.html', 'join.newsite.test');
    await expect.poll(() => hasIcon(tab), POLL).toBe(true);
    const box = (await tab.locator('input[name="new"]').boundingBox())!;
    await tab.mouse.click(box.x + box.width - 16, box.y + box.height / 2);
    await expect.poll(() => menuFrame(tab) !== null, POLL).toBe(true);
    const menu = menuFrame(tab)!;
    const shown = (await menu.locator('.suggestion').textContent({ timeout: POLL.timeout }))!;
    const rules = (await tab.locator('input[name="new"]').getAttribute('passwordrules'))!;
    expect(checkAgainstRules(parsePasswordRules(rules), shown)).toEqual([]);
    // Shown in the menu (an extension page), not in the page, until the user chooses it.
    expect(await tab.evaluate((password) => document.documentElement.outerHTML.includes(password), shown)).toBe(false);
    await menu.getByRole('option').first().click();
    await expect.poll(() => values(tab), POLL).toEqual([
      ['email', ''],
      ['new', shown],
      ['repeat', shown],
    ]);
    await tab.locator('input[name="email"]').fill('new@newsite.test');
    await tab.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => tab.frames().some((frame) => new URL(frame.url()).pathname === '/save-bar.html'), POLL).toBe(true);
  });

  it('on a change-password form, puts the site’s entry’s current password and the suggested new one in their boxes', async () => {
    await newItem(owner, vault, { name: 'Solo', login: 'sol@solo.test', urls: [{ url: 'http://solo.test/', match: 'domain' }], fields: [{ id: 'password', type: 'password', label: 'Password', value: 'solo password' }] });
    await popup.evaluate(() => (globalThis as unknown as ExtensionGlobals).chrome.runtime.sendMessage({ type: 'sync.now' }));
    const { tab } = await openSite('change-password.html', 'account.solo.test');
    await expect.poll(() => hasIcon(tab), POLL).toBe(true);
    const box = (await tab.locator('input[name="new"]').boundingBox())!;
    await tab.mouse.click(box.x + box.width - 16, box.y + box.height / 2);
    await expect.poll(() => menuFrame(tab) !== null, POLL).toBe(true);
    const shown = (await menuFrame(tab)!.locator('.suggestion').textContent({ timeout: POLL.timeout }))!;
    await menuFrame(tab)!.getByRole('option').first().click();
    await expect.poll(() => values(tab), POLL).toEqual([
      ['current', 'solo password'],
      ['new', shown],
      ['repeat', shown],
    ]);
  });

  it('shows no icon where no login is for the site', async () => {
    const { tab } = await openSite('login.html', 'nothing-here.test');
    await tab.waitForTimeout(1_000);
    expect(await hasIcon(tab)).toBe(false);
  });

  it('fills nothing on a lookalike domain, where the entry is not the site’s', async () => {
    const { tab, tabId } = await openSite('login.html', 'acme.test.evil.test');
    expect(await fill(tabId, ids.acme!)).toBe('notForThisSite');
    expect(await values(tab)).toEqual([
      ['email', ''],
      ['password', ''],
    ]);
  });

  it('asks before filling an http page with an https entry, and fills once the user says so', async () => {
    const { tab, tabId } = await openSite('login.html', 'secure.test');
    expect(await fill(tabId, ids.secure!)).toBe('insecurePage');
    expect(await values(tab)).toEqual([
      ['email', ''],
      ['password', ''],
    ]);
    expect(await fill(tabId, ids.secure!, true)).toBe('filled username password');
    expect((await values(tab))[1]).toEqual(['password', 'secure password 2']);
  });

  it.each([
    ['covered.html', 'fillRefused covered'],
    ['transparent.html', 'fillRefused transparent'],
    ['honeypot.html', 'fillRefused covered'],
    ['search.html', 'fillRefused noLoginForm'],
    ['overlay-passthrough.html', 'fillRefused covered'],
    ['sandboxed.html', 'fillRefused wrongOrigin'],
    ['behind-dialog.html', 'fillRefused covered'],
  ])('fills nothing on %s: %s', async (page, refusal) => {
    const { tab, tabId } = await openSite(page, 'login.acme.test');
    expect(await fill(tabId, ids.acme!)).toBe(refusal);
    expect((await values(tab)).every(([, value]) => value === '')).toBe(true);
  });
});
