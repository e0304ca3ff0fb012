import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchItemsRoute, type Item } from '../../lib/contract/items';
import { launchChromium, type ChromiumHarness } from '../helpers/chromium';
import { openVaultOf, ownerElsewhere } from '../helpers/extension-session';
import type { TestMember } from '../helpers/organisation';
import { startServer, type RunningServer } from '../helpers/server-process';
import { startStaticSite, type StaticSite } from '../helpers/static-site';
import { newFolder, newItem, newVault, passwordOf } from '../helpers/vault-fixtures';
import { hasChromium } from './fixtures';
import { ask, closeExtensionPages, openPopup, registerOwner, storedAccount, t } from './session-helpers';

// Saving (issue #9, "Save and update") in real Chromium against the real server: the content script
// sees a login the user sends — a form posted, a single-page app, a fetch login, a username step and
// then a password page — and once the sign-in went through (a page without a login form, or the form
// gone), the top frame shows the save bar, an extension page in a frame. What the bar saves is read
// back from the server by the owner's other client, decrypted. Pages are local fixtures
// (tests/fixtures/pages/saving/) reached under realistic names (*.test maps to 127.0.0.1); each test
// has its own site, so its entries and its "Never" do not touch the others'.

const POLL = { timeout: 15_000 };
/** How long a page gets to show a bar it must not show. */
const NO_BAR_MS = 2_000;

describe.skipIf(!hasChromium)('saving logins in Chromium', () => {
  let server: RunningServer;
  let site: StaticSite;
  let chromium: ChromiumHarness;
  let owner: TestMember;
  let popup: Page;
  let vault: Awaited<ReturnType<typeof newVault>>;
  let existing: Item;
  let folderId: string;

  beforeAll(async () => {
    [server, site] = await Promise.all([startServer({ engine: 'sqlite' }), startStaticSite()]);
    chromium = await launchChromium();
    popup = await openPopup(chromium);
    await registerOwner(popup, server);
    owner = await ownerElsewhere(server, await storedAccount(chromium));
    vault = await newVault(owner, { name: 'Saved logins' });
    folderId = (await newFolder(owner, vault.vaultId, 'Web')).id;
    existing = await newItem(owner, vault, {
      name: 'Update Co',
      login: 'una@update.test',
      urls: [{ url: 'http://update.test/', match: 'domain' }],
      fields: [{ id: 'password', type: 'password', label: 'Password', value: 'update password 1' }],
    });
    await closeExtensionPages(chromium);
    popup = await openPopup(chromium);
    await ask(popup, { type: 'sync.now' });
  }, 120_000);

  afterAll(async () => {
    await chromium?.context.unrouteAll({ behavior: 'ignoreErrors' });
    await chromium?.close();
    await Promise.all([server?.stop(), site?.close()]);
  });

  /** Opens the fixture `page` (path under saving/, query allowed) at `host` in a new tab. */
  async function openSite(page: string, host: string): Promise<Page> {
    const tab = await chromium.context.newPage();
    await tab.goto(site.url(`saving/${page}`, host));
    return tab;
  }

  /** The save bar's frame in `tab`, if it shows one (found by its page: the URL's fragment is the bar's token). */
  const barFrame = (tab: Page): Frame | null =>
    tab.frames().find((frame) => {
      try {
        return new URL(frame.url()).pathname === '/save-bar.html';
      } catch {
        return false;
      }
    }) ?? null;

  /** Waits for the bar and for its buttons (the bar asks the worker what to offer first). */
  async function bar(tab: Page): Promise<Frame> {
    await expect.poll(() => barFrame(tab) !== null, POLL).toBe(true);
    const frame = barFrame(tab)!;
    await frame.getByRole('button', { name: t('save.bar.notNow'), exact: true }).waitFor({ timeout: POLL.timeout });
    // The bar takes no answer that changes something until it has been seen for half a second (a
    // click aimed at the page as it appeared must not save): a person reads it first; so does the test.
    await tab.waitForTimeout(SEEN_BEFORE_ANSWER_MS);
    return frame;
  }

  const SEEN_BEFORE_ANSWER_MS = 700;

  /** Gives the page NO_BAR_MS to show a bar, then expects none. */
  async function expectNoBar(tab: Page): Promise<void> {
    await tab.waitForTimeout(NO_BAR_MS);
    expect(barFrame(tab)?.url() ?? null).toBeNull();
  }

  const expectBarGone = (tab: Page) => expect.poll(() => barFrame(tab) === null, POLL).toBe(true);

  /** Types the login and the password into `scope` (a page or a frame) as a person does. */
  async function type(scope: Page | Frame, login: string | null, password: string): Promise<void> {
    if (login !== null) await scope.locator('input[name="email"]').fill(login);
    await scope.locator('input[name="password"]').pressSequentially(password);
  }

  /** Types and clicks "Sign in" on a page of saving/sign-in.html and waits for the welcome page. */
  async function signIn(tab: Page, login: string, password: string): Promise<void> {
    await type(tab, login, password);
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await tab.waitForURL(/\/saving\/welcome\.html/);
  }

  /** The owner's entries with `login`, decrypted (their MAC and wraps checked), newest first. */
  async function saved(login: string) {
    const { items } = await owner.api.call(searchItemsRoute, { query: { query: login } });
    const mine = items.filter((item) => item.login === login).sort((a, b) => b.createdAt - a.createdAt);
    return Promise.all(mine.map(async (item) => ({ ...item, password: await passwordOf(item, await openVaultOf(owner, item.vaultId)) })));
  }

  const originOf = (tab: Page) => new URL(tab.url()).origin;
  /** A saved entry's URLs as [origin, rule]: it should have one, the page's origin with the domain rule. */
  const urlOrigins = (item: Pick<Item, 'urls'>) => item.urls.map(({ url, match }) => [new URL(url).origin, match]);

  it('offers to save a login sent by a classic form, and saves it under the name, vault and folder chosen', async () => {
    const tab = await openSite('sign-in.html', 'www.classic.test');
    await signIn(tab, 'ana@classic.test', 'classic password 1');
    const frame = await bar(tab);
    expect(await frame.getByRole('heading').textContent()).toBe(t('save.bar.saveTitle'));
    const name = frame.getByLabel(t('save.bar.name'), { exact: true });
    expect(await name.inputValue()).toBe('classic.test');
    await name.fill('Classic Co');
    await frame.getByLabel(t('save.bar.vault'), { exact: true }).selectOption({ label: 'Saved logins' });
    await expect.poll(() => frame.getByLabel(t('save.bar.folder'), { exact: true }).locator('option').allTextContents(), POLL).toContain('Web');
    await frame.getByLabel(t('save.bar.folder'), { exact: true }).selectOption({ label: 'Web' });
    await frame.getByRole('button', { name: t('save.bar.save'), exact: true }).click();
    await expectBarGone(tab);

    await expect.poll(async () => (await saved('ana@classic.test')).length, POLL).toBe(1);
    const [entry] = await saved('ana@classic.test');
    expect(entry).toMatchObject({ name: 'Classic Co', login: 'ana@classic.test', password: 'classic password 1', vaultId: vault.vaultId, folderId, revision: 1 });
    expect(urlOrigins(entry!)).toEqual([[originOf(tab), 'domain']]);
  });

  it('offers nothing for values the page wrote and sent itself, and takes no answer in the bar’s first half second', async () => {
    const forged = await openSite('forged-sign-in.html', 'www.forged.test');
    await expect.poll(() => new URL(forged.url()).pathname, POLL).toBe('/saving/welcome.html');
    await expectNoBar(forged);

    const tab = await openSite('sign-in.html', 'www.quick.test');
    await signIn(tab, 'ana@quick.test', 'quick password 1');
    await expect.poll(() => barFrame(tab) !== null, POLL).toBe(true);
    const frame = barFrame(tab)!;
    // A click at once — one the page could have timed to land as the bar appeared — saves nothing.
    await frame.getByRole('button', { name: t('save.bar.save'), exact: true }).click();
    await expect.poll(() => frame.locator('#notice').textContent(), POLL).toBe(t('save.bar.hidden'));
    expect(await saved('ana@quick.test')).toEqual([]);
    await tab.waitForTimeout(SEEN_BEFORE_ANSWER_MS);
    await frame.getByRole('button', { name: t('save.bar.save'), exact: true }).click();
    await expectBarGone(tab);
    await expect.poll(async () => (await saved('ana@quick.test')).length, POLL).toBe(1);
  });

  it('offers to save a login sent by a single-page app that pushes a new URL, without a page load', async () => {
    const tab = await openSite('spa.html', 'app.spa.test');
    const origin = originOf(tab);
    await type(tab, 'ben@spa.test', 'spa password 1');
    // Enter in the password box sends the form (the page handles the submit itself).
    await tab.locator('input[name="password"]').press('Enter');
    await expect.poll(() => new URL(tab.url()).pathname, POLL).toBe('/app');
    const frame = await bar(tab);
    await frame.getByLabel(t('save.bar.vault'), { exact: true }).selectOption({ label: 'Saved logins' });
    await frame.getByRole('button', { name: t('save.bar.save'), exact: true }).click();
    await expectBarGone(tab);
    await expect.poll(async () => (await saved('ben@spa.test')).map((entry) => entry.password), POLL).toEqual(['spa password 1']);
    expect(urlOrigins((await saved('ben@spa.test'))[0]!)).toEqual([[origin, 'domain']]);
  });

  it('offers to save a fetch login that hides its form without changing the URL; "Not now" saves nothing and asks again next time', async () => {
    const first = await openSite('fetch-sign-in.html', 'login.fetch.test');
    const url = first.url();
    await type(first, 'cy@fetch.test', 'fetch password 1');
    // A plain button with its own click handler: no submit event at all.
    await first.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => first.locator('#welcome').isVisible(), POLL).toBe(true);
    const frame = await bar(first);
    expect(first.url()).toBe(url);
    await frame.getByRole('button', { name: t('save.bar.notNow'), exact: true }).click();
    await expectBarGone(first);
    await first.waitForTimeout(NO_BAR_MS);
    expect(await saved('cy@fetch.test')).toEqual([]);

    const again = await openSite('fetch-sign-in.html', 'login.fetch.test');
    await type(again, 'cy@fetch.test', 'fetch password 1');
    await again.getByRole('button', { name: 'Sign in' }).click();
    const second = await bar(again);
    await second.getByLabel(t('save.bar.vault'), { exact: true }).selectOption({ label: 'Saved logins' });
    await second.getByRole('button', { name: t('save.bar.save'), exact: true }).click();
    await expectBarGone(again);
    await expect.poll(async () => (await saved('cy@fetch.test')).map((entry) => entry.password), POLL).toEqual(['fetch password 1']);
  });

  it('stitches a username step and the password page after it into one login', async () => {
    const tab = await openSite('username-step.html', 'id.steps.test');
    await tab.locator('input[name="identifier"]').fill('dee@steps.test');
    await tab.getByRole('button', { name: 'Next' }).click();
    await tab.waitForURL(/\/saving\/password-step\.html/);
    // The password page shows a login form: no bar yet.
    await tab.locator('input[name="password"]').pressSequentially('steps password 1');
    expect(barFrame(tab)).toBeNull();
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await tab.waitForURL(/\/saving\/welcome\.html/);
    const frame = await bar(tab);
    expect(await frame.getByText(t('save.bar.loginOn', { login: 'dee@steps.test', site: 'steps.test' }), { exact: true }).count()).toBe(1);
    await frame.getByLabel(t('save.bar.vault'), { exact: true }).selectOption({ label: 'Saved logins' });
    await frame.getByRole('button', { name: t('save.bar.save'), exact: true }).click();
    await expectBarGone(tab);
    await expect.poll(async () => (await saved('dee@steps.test')).length, POLL).toBe(1);
    const [entry] = await saved('dee@steps.test');
    expect(entry).toMatchObject({ login: 'dee@steps.test', password: 'steps password 1' });
    expect(urlOrigins(entry!)).toEqual([[originOf(tab), 'domain']]);
  });

  it('offers nothing for the password an entry already has, and "Update" for a new one, which becomes the entry’s next revision', async () => {
    const same = await openSite('sign-in.html', 'www.update.test');
    await signIn(same, 'una@update.test', 'update password 1');
    await expectNoBar(same);

    const changed = await openSite('sign-in.html', 'www.update.test');
    await signIn(changed, 'una@update.test', 'update password 2');
    const frame = await bar(changed);
    expect(await frame.getByRole('button', { name: t('save.bar.save'), exact: true }).count()).toBe(0);
    await frame.getByRole('button', { name: t('save.bar.update'), exact: true }).click();
    await expectBarGone(changed);
    await expect.poll(async () => (await saved('una@update.test')).map(({ id, revision, password }) => ({ id, revision, password })), POLL).toEqual([
      { id: existing.id, revision: 2, password: 'update password 2' },
    ]);
    const [entry] = await saved('una@update.test');
    expect(entry).toMatchObject({ name: 'Update Co', urls: existing.urls, vaultId: vault.vaultId });

    // The new password is now the entry's: sending it again offers nothing.
    const after = await openSite('sign-in.html', 'www.update.test');
    await signIn(after, 'una@update.test', 'update password 2');
    await expectNoBar(after);
  });

  it('never asks again on a site the user answered "Never for this site"', async () => {
    const tab = await openSite('sign-in.html', 'www.never.test');
    await signIn(tab, 'eve@never.test', 'never password 1');
    const frame = await bar(tab);
    await frame.getByRole('button', { name: t('save.bar.never'), exact: true }).click();
    await expectBarGone(tab);

    const again = await openSite('sign-in.html', 'login.never.test');
    await signIn(again, 'eve@never.test', 'never password 2');
    await expectNoBar(again);
    expect(await saved('eve@never.test')).toEqual([]);
  });

  it('offers nothing after a failed sign-in (the login form again), and saves the password of the try that went through', async () => {
    const tab = await openSite('failing-sign-in.html', 'www.failing.test');
    await type(tab, 'fay@failing.test', 'wrong password 1');
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await tab.waitForURL(/\/saving\/failed\.html/);
    await expectNoBar(tab);

    await type(tab, null, 'right password 2');
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await tab.waitForURL(/\/saving\/welcome\.html/);
    const frame = await bar(tab);
    await frame.getByLabel(t('save.bar.vault'), { exact: true }).selectOption({ label: 'Saved logins' });
    await frame.getByRole('button', { name: t('save.bar.save'), exact: true }).click();
    await expectBarGone(tab);
    await expect.poll(async () => (await saved('fay@failing.test')).map((entry) => entry.password), POLL).toEqual(['right password 2']);
  });

  it('offers nothing for a login typed but never sent, even when the user then leaves by a link', async () => {
    const tab = await openSite('sign-in.html', 'www.typing.test');
    await type(tab, 'gus@typing.test', 'typed password 1');
    await expectNoBar(tab);
    await tab.getByRole('link', { name: 'Browse as a guest' }).click();
    await tab.waitForURL(/\/saving\/welcome\.html/);
    await expectNoBar(tab);
  });

  /** Signs in inside the frame of saving/embed.html (a fetch login) and waits for the frame's welcome. */
  async function signInFramed(tab: Page, login: string, password: string): Promise<void> {
    const isLogin = (frame: Frame) => frame.url().endsWith('/saving/fetch-sign-in.html');
    await expect.poll(() => tab.frames().some(isLogin), POLL).toBe(true);
    const framed = tab.frames().find(isLogin)!;
    await framed.waitForSelector('input[type="password"]');
    await type(framed, login, password);
    await framed.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => framed.locator('#welcome').isVisible(), POLL).toBe(true);
  }

  it('offers to save a login sent from a frame of the page’s own site, in the top frame', async () => {
    const tab = await openSite('embed.html?frame=fetch-sign-in.html', 'www.shop.test');
    await signInFramed(tab, 'hal@shop.test', 'shop password 1');
    const frame = await bar(tab);
    // The bar is the top frame's, not the login frame's.
    expect(frame.parentFrame()).toBe(tab.mainFrame());
    expect(await frame.getByText(t('save.bar.loginOn', { login: 'hal@shop.test', site: 'shop.test' }), { exact: true }).count()).toBe(1);
    await frame.getByRole('button', { name: t('save.bar.notNow'), exact: true }).click();
    await expectBarGone(tab);
  });

  it('offers a login sent from another site’s frame for that site, and nothing for a frame of a service that asks for other sites’ credentials (plaid.com)', async () => {
    const partner = await openSite(`embed.html?frame=${encodeURIComponent(site.url('saving/fetch-sign-in.html', 'login.partner.test'))}`, 'www.bank.test');
    await signInFramed(partner, 'ivy@partner.test', 'partner password 1');
    const frame = await bar(partner);
    // The login is the frame's site's, not the page's.
    expect(await frame.getByText(t('save.bar.loginOn', { login: 'ivy@partner.test', site: 'partner.test' }), { exact: true }).count()).toBe(1);
    await frame.getByRole('button', { name: t('save.bar.notNow'), exact: true }).click();
    await expectBarGone(partner);

    // plaid.com does not resolve on this closed network: the browser's requests for it are answered
    // from the fixture server, so the frame is served at http://cdn.plaid.com/ as the browser sees it.
    await chromium.context.route('http://cdn.plaid.com/**', async (route) => {
      const response = await route.fetch({ url: site.url(new URL(route.request().url()).pathname.slice(1)) });
      await route.fulfill({ response });
    });
    const plaid = await openSite(`embed.html?frame=${encodeURIComponent('http://cdn.plaid.com/saving/fetch-sign-in.html')}`, 'www.bank.test');
    await signInFramed(plaid, 'ivy@bank.test', 'bank password 1');
    expect(plaid.frames().some((candidate) => new URL(candidate.url()).host === 'cdn.plaid.com')).toBe(true);
    await expectNoBar(plaid);
    expect(await saved('ivy@bank.test')).toEqual([]);
  });
});
