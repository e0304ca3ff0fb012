import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { translator } from '../../lib/i18n/translate';
import { totpCode } from '../../lib/vault/totp';
import { launchFirefox, type FirefoxHarness } from '../helpers/firefox';
import { createTotpEntry, OWNER, openVaultOf, ownerElsewhere, type StoredAccount, type StoredLiveSession, type TotpEntry } from '../helpers/extension-session';
import { startServer, type RunningServer } from '../helpers/server-process';
import { startStaticSite } from '../helpers/static-site';
import { newItem } from '../helpers/vault-fixtures';
import type { TestMember } from '../helpers/organisation';
import { listGroupsRoute } from '../../lib/contract/groups';
import { getVaultAccessRoute } from '../../lib/contract/vault-access';
import { listVaultsRoute } from '../../lib/contract/vaults';
import type { ExtensionGlobals } from './extension-api';
import { hasFirefox } from './fixtures';

// The core of the Chromium session test in Firefox (its MV3 event page): register the owner in the
// popup, find an entry made through lib/api, copy its password, read its one-time code, lock and
// unlock. WebDriver BiDi has no handle on the event page and no command to stop it; instead the
// profile has Firefox suspend an idle event page after two seconds (30 s by default), which is the
// same stop a real browser makes, only sooner.

const t = translator('en');
const READY = 'main[data-screen]:not([data-screen="loading"])';
const SLOW_MS = 30_000;
const POLL = { timeout: 15_000 };
const MINUTE = 60_000;
/** `extensions.background.idle.timeout` for this profile, and how long the tests leave it idle to be sure it was suspended. */
const IDLE_SUSPEND_MS = 2_000;
const SUSPENDED_AFTER_MS = 3 * IDLE_SUSPEND_MS;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openPopup(firefox: FirefoxHarness): Promise<Page> {
  return firefox.openExtensionPage('popup.html', READY);
}

/** What the popup shows now: its screen and any error; null while its realm is being replaced. */
function shownNow(popup: Page): Promise<{ screen: string | null; alerts: (string | null)[] } | null> {
  return popup
    .evaluate(() => ({
      screen: document.querySelector('main[data-screen]')?.getAttribute('data-screen') ?? null,
      alerts: [...document.querySelectorAll('[role="alert"]')].map((alert) => alert.textContent),
    }))
    .catch(() => null);
}

// Polled by hand rather than with waitForSelector, which dies with the page's realm over BiDi
// (see tests/helpers/firefox.ts), and without expect.poll, which beforeAll cannot use.
async function expectScreen(popup: Page, screen: string, timeout = SLOW_MS): Promise<void> {
  const deadline = Date.now() + timeout;
  let shown = await shownNow(popup);
  while (shown?.screen !== screen && Date.now() < deadline) {
    await sleep(100);
    shown = await shownNow(popup);
  }
  if (shown?.screen !== screen) throw new Error(`expected the popup's ${screen} screen within ${timeout} ms, but it shows ${JSON.stringify(shown)}`);
}

// Found the way a person finds them — by the label they read — then typed into and clicked with real
// input events, so clicks count as user gestures.
async function fieldLabelled(popup: Page, label: string): Promise<ElementHandle<HTMLInputElement>> {
  const handle = await popup.evaluateHandle((text) => {
    const found = [...document.querySelectorAll('label')].find((candidate) => candidate.textContent?.trim() === text);
    const input = found?.htmlFor ? document.getElementById(found.htmlFor) : null;
    if (!(input instanceof HTMLInputElement)) throw new Error(`no field labelled ${text}`);
    return input;
  }, label);
  return handle as ElementHandle<HTMLInputElement>;
}

async function type(popup: Page, label: string, text: string): Promise<void> {
  const field = await fieldLabelled(popup, label);
  await field.evaluate((input) => input.select());
  await field.type(text);
}

async function buttonNamed(popup: Page, name: string, rowName?: string): Promise<ElementHandle<HTMLButtonElement>> {
  const handle = await popup.evaluateHandle(
    (text, row) => {
      const scope = row === null ? document : [...document.querySelectorAll('[data-testid="entry"]')].find((entry) => entry.querySelector('.entry-name')?.textContent === row);
      if (!scope) throw new Error(`no entry row named ${row}`);
      const found = [...scope.querySelectorAll('button')].find((candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent?.trim()) === text);
      if (!found) throw new Error(`no button named ${text}`);
      return found;
    },
    name,
    rowName ?? null,
  );
  return handle as ElementHandle<HTMLButtonElement>;
}

/** Clicks the button named `name` (its label, or its text), in the entry row `rowName` if given. */
async function click(popup: Page, name: string, rowName?: string): Promise<void> {
  await (await buttonNamed(popup, name, rowName)).click();
}

function entryNames(popup: Page): Promise<string[]> {
  return popup.$$eval('[data-testid="entry"] .entry-name', (names) => names.map((name) => name.textContent ?? ''));
}

async function search(popup: Page, query: string): Promise<void> {
  await popup.evaluate(() => document.querySelector<HTMLInputElement>('input[type="search"]')?.select());
  await popup.type('input[type="search"]', query);
}

function storage<T>(popup: Page, area: 'local' | 'session', key: string): Promise<T | undefined> {
  return popup.evaluate(async (where, name) => (await (globalThis as unknown as ExtensionGlobals).browser.storage[where].get(name))[name] as T | undefined, area, key);
}

// The manifest, opened as a page of the extension's origin, has the extension APIs but sends the event
// page nothing: reading or editing storage from it neither wakes it nor counts as activity.
async function withQuietPage<T>(firefox: FirefoxHarness, work: (page: Page) => Promise<T>): Promise<T> {
  const page = await firefox.browser.newPage();
  const url = `${firefox.extensionOrigin}/manifest.json`;
  try {
    // Firefox never reports the load of a moz-extension:// page over BiDi (see tests/helpers/firefox.ts).
    void page.goto(url, { timeout: 3000 }).catch(() => undefined);
    await expect.poll(() => page.evaluate(() => location.href).catch(() => null), POLL).toBe(url);
    return await work(page);
  } finally {
    await page.close();
  }
}

/** Moves the recorded last activity `ms` into the past, as if nobody had used Keyhold since. */
function backdateActivity(firefox: FirefoxHarness, ms: number): Promise<void> {
  return withQuietPage(firefox, (page) =>
    page.evaluate(async (by) => {
      const { storage } = (globalThis as unknown as ExtensionGlobals).browser;
      const live = (await storage.session.get('keyhold.session'))['keyhold.session'] as { lastActivityAt: number } | undefined;
      if (!live) throw new Error('no live session to backdate: the event page is already locked');
      await storage.session.set({ 'keyhold.session': { ...live, lastActivityAt: Date.now() - by } });
    }, ms),
  );
}

/** Chooses `minutes` in the settings screen's auto-lock list. */
async function setAutoLock(popup: Page, minutes: number): Promise<void> {
  await click(popup, t('popup.settings'));
  await expectScreen(popup, 'settings');
  const select = (await popup.evaluateHandle((text) => {
    const label = [...document.querySelectorAll('label')].find((candidate) => candidate.textContent?.trim() === text);
    return label?.htmlFor ? document.getElementById(label.htmlFor) : null;
  }, t('settings.autoLock'))) as ElementHandle<HTMLSelectElement>;
  await select.select(String(minutes));
  await expect.poll(() => popup.evaluate(async () => ((await (globalThis as unknown as ExtensionGlobals).browser.runtime.sendMessage({ type: 'status' })) as { value: { autoLockMinutes: number } }).value.autoLockMinutes), POLL).toBe(minutes);
}

describe.skipIf(!hasFirefox)('the extension session in Firefox', () => {
  let firefox: FirefoxHarness;
  let server: RunningServer;
  let entry: TotpEntry;
  let owner: TestMember;
  let popup: Page;

  beforeAll(async () => {
    server = await startServer({ engine: 'sqlite' });
    firefox = await launchFirefox(undefined, { prefs: { 'extensions.background.idle.timeout': IDLE_SUSPEND_MS } });
    popup = await openPopup(firefox);
    await expectScreen(popup, 'first-run');
    await type(popup, t('firstRun.serverUrl.label'), server.url);
    await click(popup, t('firstRun.connect'));
    await expectScreen(popup, 'sign-in');
    await click(popup, t('signIn.setUpServer'));
    await expectScreen(popup, 'owner-setup');
    await type(popup, t('register.setupToken'), server.setupToken()!);
    await type(popup, t('register.organisationName'), OWNER.organisationName);
    await type(popup, t('credentials.login'), OWNER.login);
    await type(popup, t('credentials.loginPassword'), OWNER.loginPassword);
    await type(popup, t('credentials.masterPassword'), OWNER.masterPassword);
    await type(popup, t('credentials.masterPasswordConfirm'), OWNER.masterPassword);
    await click(popup, t('register.submit'));
    await expectScreen(popup, 'entries');
    const account = await storage<StoredAccount>(popup, 'local', 'keyhold.account');
    await popup.close();
    owner = await ownerElsewhere(server, account!);
    entry = await createTotpEntry(owner);
  }, 120_000);

  afterAll(async () => {
    await firefox?.close();
    await server?.stop();
  });

  afterEach(async () => {
    await popup?.close().catch(() => undefined);
  });

  it('registered the owner in the popup and keeps the root secret in storage.session only', async () => {
    popup = await openPopup(firefox);
    const live = await storage<StoredLiveSession>(popup, 'session', 'keyhold.session');
    expect(live?.masterKey?.bytes).toMatch(/^[\w-]{40,}$/);
    const local = await popup.evaluate(async () => JSON.stringify(await (globalThis as unknown as ExtensionGlobals).browser.storage.local.get(null)));
    expect(local).toContain(OWNER.login);
    expect(local).not.toContain(live!.masterKey!.bytes);
  });

  it('finds the entry made through lib/api by searching, and copies its password', async () => {
    popup = await openPopup(firefox);
    await expectScreen(popup, 'entries');
    await search(popup, 'acme mail');
    await expect.poll(() => entryNames(popup), POLL).toEqual([entry.name]);
    await popup.evaluate(() => navigator.clipboard.writeText('something the user copied before'));
    await click(popup, t('popup.copyPassword'), entry.name);
    await expect.poll(() => popup.evaluate(() => navigator.clipboard.readText()), POLL).toBe(entry.password);
  });

  it('opens the vault page: the vault in the navigation, its entries listed, then searched', async () => {
    popup = await firefox.openExtensionPage('vault.html', '[data-testid="vault-row"]');
    const rowNames = () => popup.$$eval('[data-testid="vault-row"] .row-name', (names) => names.map((name) => name.textContent ?? ''));
    await expect.poll(rowNames, POLL).toEqual([entry.name, 'Build server']);
    const vaultButton = await popup.waitForSelector('[data-testid="vaults"] button');
    expect(await vaultButton!.evaluate((button) => button.textContent)).toBe(`Personal (${t('vault.nav.private')})2`);
    await vaultButton!.click();
    await expect.poll(() => popup.$eval('[data-testid="navigation"] [aria-current="page"]', (current) => current.textContent), POLL).toMatch(/^Personal/);
    await search(popup, 'build');
    await expect.poll(rowNames, POLL).toEqual(['Build server']);
  });

  it('creates a private vault on the vault page, its key made and wrapped by Firefox', async () => {
    popup = await firefox.openExtensionPage('vault.html', '[data-testid="vault-row"]');
    await click(popup, t('vault.vaults.new'));
    await popup.type(`input[aria-label="${t('vault.vaults.name')}"]`, 'Made in Firefox');
    await click(popup, t('vault.vaults.create'));
    await expect.poll(() => popup.$eval('[data-testid="navigation"] [aria-current="page"]', (current) => current.textContent), POLL).toMatch(/^Made in Firefox/);
    const made = (await owner.api.call(listVaultsRoute)).vaults.find((vault) => vault.name === 'Made in Firefox');
    expect(made).toMatchObject({ kind: 'private', level: 'admin' });
    expect((await openVaultOf(owner, made!.id)).version).toBe(1);
  });

  it('manages a vault’s access in Firefox: the Access rights panel says where the owner’s right comes from, and a group made in Settings is given a right there', async () => {
    popup = await firefox.openExtensionPage('vault.html', '[data-testid="vault-row"]');
    await click(popup, t('vault.settings'));
    await popup.waitForSelector('[data-testid="groups-admin"] input');
    await type(popup, t('vault.groups.new'), 'Auditors');
    await click(popup, t('vault.groups.create'));
    await expect.poll(async () => (await owner.api.call(listGroupsRoute)).groups.map((group) => group.name), POLL).toEqual(['Auditors']);
    const auditors = (await owner.api.call(listGroupsRoute)).groups[0]!;
    await click(popup, t('vault.settings'));

    const vault = (await owner.api.call(listVaultsRoute)).vaults.find((candidate) => candidate.name === 'Personal')!;
    const vaultButton = await popup.waitForSelector(`::-p-xpath(//*[@data-testid="vaults"]//button[starts-with(normalize-space(.), "Personal")])`);
    await vaultButton!.click();
    await click(popup, t('vault.vaults.access'));
    const ownersRight = () =>
      popup
        .$eval(`[data-testid="access-person"][data-login="${OWNER.login}"]`, (person) => [person.querySelector('[data-testid="access-level"]')?.textContent, person.querySelector('[data-testid="access-source"]')?.textContent])
        .catch(() => null);
    await expect.poll(ownersRight, POLL).toEqual([t('vault.level.admin'), t('vault.access.source.user', { place: t('vault.access.at.vault') })]);

    await popup.select(`select[aria-label="${t('vault.access.grant.who')}"]`, `group:${auditors.id}`);
    await popup.select(`select[aria-label="${t('vault.access.grant.level')}"]`, 'read');
    await click(popup, t('vault.access.grant.submit'));
    await expect.poll(async () => (await owner.api.call(getVaultAccessRoute, { params: { id: vault.id }, query: {} })).grants.map((grant) => [grant.principalType, grant.principalId, grant.level]), POLL).toContainEqual(['group', auditors.id, 'read']);
  });

  it('fills a login form from the popup’s Fill: the worker matches the tab, the content script fills', async () => {
    const site = await startStaticSite();
    try {
      const vault = await openVaultOf(owner, entry.vaultId);
      const local = await newItem(owner, vault, { name: 'Local app', login: 'ana@local', urls: [{ url: `http://localhost:${site.port}/`, match: 'host' }], fields: [{ id: 'password', type: 'password', label: 'Password', value: 'local password' }] });
      const page = await firefox.browser.newPage();
      await page.goto(site.url('autofill/login.html'));
      popup = await openPopup(firefox);
      const fill = (address: string) =>
        popup.evaluate(
          async (target, itemId) => {
            const api = (globalThis as unknown as ExtensionGlobals).browser;
            await api.runtime.sendMessage({ type: 'sync.now' });
            // Firefox match patterns cannot name a port, so the tab is found by its exact URL.
            const tab = (await api.tabs.query({})).find((candidate) => candidate.url === target);
            return api.runtime.sendMessage({ type: 'autofill.fill', tabId: tab!.id!, itemId });
          },
          address,
          local.id,
        );
      await expect.poll(async () => (await fill(site.url('autofill/login.html'))) as unknown, POLL).toMatchObject({ ok: true, value: { filled: ['username', 'password'] } });
      expect(await page.$$eval('input', (inputs) => inputs.map((input) => input.value))).toEqual(['ana@local', 'local password']);
      // A form in a same-origin frame: Firefox reports the frames with their URLs too.
      const framed = await firefox.browser.newPage();
      await framed.goto(site.url('autofill/frame-same-origin.html'));
      await expect.poll(() => framed.frames().length, POLL).toBe(2);
      await framed.frames()[1]!.waitForSelector('input[type="password"]');
      expect(await fill(site.url('autofill/frame-same-origin.html'))).toMatchObject({ ok: true, value: { filled: ['username', 'password'] } });
      expect(await framed.frames()[1]!.$$eval('input', (inputs) => inputs.map((input) => input.value))).toEqual(['ana@local', 'local password']);
      await framed.close();
      // A covered form is refused in Firefox too.
      const covered = await firefox.browser.newPage();
      await covered.goto(site.url('autofill/covered.html'));
      expect(await fill(site.url('autofill/covered.html'))).toMatchObject({ ok: false, error: { code: 'fillRefused', detail: { refusal: 'covered' } } });
      expect(await covered.$$eval('input', (inputs) => inputs.map((input) => input.value))).toEqual(['', '']);
      await Promise.all([page.close(), covered.close()]);
    } finally {
      await site.close();
    }
  });

  it('puts an icon in the login field; its menu lists the site’s login and fills the one clicked, or the one chosen from the keyboard', async () => {
    const site = await startStaticSite();
    const pages: Page[] = [];
    try {
      const vault = await openVaultOf(owner, entry.vaultId);
      const login = { name: 'Menu app', login: 'bo@menu', password: 'menu password' };
      await newItem(owner, vault, { name: login.name, login: login.login, urls: [{ url: `http://localhost:${site.port}/`, match: 'host' }], fields: [{ id: 'password', type: 'password', label: 'Password', value: login.password }] });
      // The content script asks about the icon once, when the page loads: the event page must know the login by then.
      popup = await openPopup(firefox);
      await popup.evaluate(() => (globalThis as unknown as ExtensionGlobals).browser.runtime.sendMessage({ type: 'sync.now' }));
      await popup.close();

      const openLoginPage = async (): Promise<Page> => {
        const page = await firefox.browser.newPage();
        pages.push(page);
        await page.goto(site.url('autofill/login.html'));
        // The icon's host has a random x-… name and a closed root: its presence is all the page can see.
        await expect.poll(() => page.evaluate(() => [...document.querySelectorAll('*')].some((element) => /^X-[0-9A-Z]+$/.test(element.tagName))), POLL).toBe(true);
        return page;
      };
      // Firefox reports no load of a moz-extension:// document over BiDi (tests/helpers/firefox.ts), so
      // puppeteer keeps the menu's frame at about:blank: the frame itself says what it holds.
      const menuFrame = async (page: Page): Promise<Frame | null> => {
        for (const frame of page.mainFrame().childFrames()) {
          if ((await frame.evaluate(() => location.pathname).catch(() => null)) === '/inline-menu.html') return frame;
        }
        return null;
      };
      const shownOptions = async (page: Page) =>
        (await menuFrame(page))?.$$eval('[role="option"]', (options) => options.map((option) => [option.querySelector('.name')?.textContent, option.querySelector('.login')?.textContent])).catch(() => null) ?? null;
      const values = (page: Page) => page.$$eval('input', (inputs) => inputs.map((input) => input.value));

      const page = await openLoginPage();
      const box = (await (await page.$('input[name="email"]'))!.boundingBox())!;
      // The icon is in the closed root, so it is found where a person sees it: at the field's right end.
      await page.mouse.click(box.x + box.width - 16, box.y + box.height / 2);
      await expect.poll(() => shownOptions(page), POLL).toEqual([[login.name, login.login]]);
      // Names and logins only: no password reaches the menu, not even hidden in it.
      const menu = (await menuFrame(page))!;
      expect(await menu.evaluate(() => document.body.textContent)).not.toContain(login.password);
      // A person may look at the menu for a while: the idle event page is suspended meanwhile, and the click must still fill.
      await sleep(SUSPENDED_AFTER_MS);
      await (await menu.$('[role="option"]'))!.click();
      await expect.poll(() => values(page), POLL).toEqual([login.login, login.password]);
      await expect.poll(async () => (await menuFrame(page)) === null, POLL).toBe(true);

      // ArrowDown in the empty field opens it too, with the first login focused for Enter.
      const byKeyboard = await openLoginPage();
      await byKeyboard.focus('input[name="email"]');
      await byKeyboard.keyboard.press('ArrowDown');
      await expect.poll(() => shownOptions(byKeyboard), POLL).toEqual([[login.name, login.login]]);
      await expect.poll(async () => (await menuFrame(byKeyboard))?.evaluate(() => document.activeElement?.getAttribute('role')).catch(() => null), POLL).toBe('option');
      await byKeyboard.keyboard.press('Enter');
      await expect.poll(() => values(byKeyboard), POLL).toEqual([login.login, login.password]);
      await expect.poll(async () => (await menuFrame(byKeyboard)) === null, POLL).toBe(true);
    } finally {
      await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
      await site.close();
    }
  });

  it('shows the entry’s one-time code as otpauth computes it', async () => {
    popup = await openPopup(firefox);
    await search(popup, entry.name);
    await expect.poll(() => entryNames(popup), POLL).toEqual([entry.name]);
    const before = Date.now();
    await click(popup, t('popup.showTotp'), entry.name);
    const codes = () => popup.$$eval('[data-testid="totp-code"]', (shown) => shown.map((code) => (code.textContent ?? '').replace(/\s/g, '')));
    await expect.poll(codes, POLL).toHaveLength(1);
    const [shown] = await codes();
    const after = Date.now();
    expect([totpCode({ secret: entry.totpSecret }, before), totpCode({ secret: entry.totpSecret }, after)]).toContain(shown);
  });

  it('locks from the toolbar, refuses a wrong master password, and unlocks with the right one', async () => {
    popup = await openPopup(firefox);
    await expectScreen(popup, 'entries');
    await click(popup, t('popup.lock'));
    await expectScreen(popup, 'unlock');
    expect(await storage(popup, 'session', 'keyhold.session')).toBeUndefined();

    await type(popup, t('credentials.masterPassword'), 'not the master password');
    await click(popup, t('unlock.submit'));
    await expect.poll(() => popup.$$eval('[role="alert"]', (alerts) => alerts.map((alert) => alert.textContent)), POLL).toEqual([t('unlock.error.wrongPassword')]);

    await type(popup, t('credentials.masterPassword'), OWNER.masterPassword);
    await click(popup, t('unlock.submit'));
    await expectScreen(popup, 'entries');
    await search(popup, entry.name);
    await expect.poll(() => entryNames(popup), POLL).toEqual([entry.name]);
  });

  it('resumes without the master password after Firefox suspends the idle event page', async () => {
    await sleep(SUSPENDED_AFTER_MS);
    popup = await openPopup(firefox);
    await expectScreen(popup, 'entries');
    await search(popup, entry.name);
    await expect.poll(() => entryNames(popup), POLL).toEqual([entry.name]);
  });

  it('locks when the idle time passed while the event page was suspended', async () => {
    popup = await openPopup(firefox);
    await setAutoLock(popup, 1);
    await popup.close();
    await sleep(SUSPENDED_AFTER_MS);
    await backdateActivity(firefox, 2 * MINUTE);
    // Had the event page stayed alive, it would trust its own memory of the last activity and stay unlocked.
    popup = await openPopup(firefox);
    await expectScreen(popup, 'unlock');
    expect(await storage(popup, 'session', 'keyhold.session')).toBeUndefined();
    await type(popup, t('credentials.masterPassword'), OWNER.masterPassword);
    await click(popup, t('unlock.submit'));
    await expectScreen(popup, 'entries');
    await setAutoLock(popup, 15);
  });
});
