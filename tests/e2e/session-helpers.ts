import type { Locator, Page } from 'playwright-core';
import type { ChromiumHarness } from '../helpers/chromium';
import { OWNER, type StoredAccount, type StoredLiveSession } from '../helpers/extension-session';
import type { RunningServer } from '../helpers/server-process';
import { translator } from '../../lib/i18n/translate';
import type { PageReplies, PageRequest, Reply, StatusReply } from '../../lib/messages/protocol';
import type { ExtensionGlobals } from './extension-api';

// Drives the Chromium popup the way a person does — by the labels and button names they read, taken
// from the English catalog so a reworded string does not break the tests — and reads the worker's
// storage from a page that never messages the worker, so looking does not count as activity.

/** English, as the popup shows it in a browser whose language is English. */
export const t = translator('en');

/** The popup screens (`data-screen` of the popup's `<main>`). */
export type PopupScreen = 'first-run' | 'sign-in' | 'owner-setup' | 'join' | 'unlock' | 'entries' | 'settings' | 'generator';

/** Registering, unlocking with the production KDF, and the first sync take a few seconds on two busy cores. */
const SLOW_MS = 30_000;

/** Opens the popup in a tab and waits until it shows a screen (the worker answered `status`). */
export async function openPopup(chromium: ChromiumHarness): Promise<Page> {
  const popup = await chromium.openExtensionPage('popup.html');
  await popup.locator('main[data-screen]:not([data-screen="loading"])').waitFor({ timeout: SLOW_MS });
  return popup;
}

/** The screen the popup shows now (null when it shows none). */
export function screenOf(popup: Page): Promise<string | null> {
  return popup
    .locator('main[data-screen]')
    .getAttribute('data-screen', { timeout: 1_000 })
    .catch(() => null);
}

/** Waits until the popup shows `screen`; otherwise fails naming the screen and any error it shows instead. */
export async function expectScreen(popup: Page, screen: PopupScreen, timeout = SLOW_MS): Promise<void> {
  try {
    await popup.locator(`main[data-screen="${screen}"]`).waitFor({ timeout });
  } catch {
    const alerts = await popup.getByRole('alert').allTextContents();
    throw new Error(`expected the popup's ${screen} screen within ${timeout} ms, but it shows ${await screenOf(popup)}${alerts.length ? ` with ${JSON.stringify(alerts)}` : ''}`);
  }
}

/** A button by its accessible name (exact), e.g. `t('popup.lock')`. */
export function button(popup: Page, name: string) {
  return popup.getByRole('button', { name, exact: true });
}

/** First run to an unlocked, empty vault: the server's address, then the owner's setup form. */
export async function registerOwner(popup: Page, server: RunningServer): Promise<void> {
  await expectScreen(popup, 'first-run');
  await popup.getByLabel(t('firstRun.serverUrl.label'), { exact: true }).fill(server.url);
  await button(popup, t('firstRun.connect')).click();
  await expectScreen(popup, 'sign-in');
  await button(popup, t('signIn.setUpServer')).click();
  await expectScreen(popup, 'owner-setup');
  await popup.getByLabel(t('register.setupToken'), { exact: true }).fill(server.setupToken()!);
  await popup.getByLabel(t('register.organisationName'), { exact: true }).fill(OWNER.organisationName);
  await popup.getByLabel(t('credentials.login'), { exact: true }).fill(OWNER.login);
  await popup.getByLabel(t('credentials.loginPassword'), { exact: true }).fill(OWNER.loginPassword);
  await popup.getByLabel(t('credentials.masterPassword'), { exact: true }).fill(OWNER.masterPassword);
  await popup.getByLabel(t('credentials.masterPasswordConfirm'), { exact: true }).fill(OWNER.masterPassword);
  await button(popup, t('register.submit')).click();
  await expectScreen(popup, 'entries');
}

/** Types `masterPassword` into the unlock screen and submits it (the result is the caller's to check). */
export async function submitMasterPassword(popup: Page, masterPassword: string): Promise<void> {
  await expectScreen(popup, 'unlock');
  await popup.getByLabel(t('credentials.masterPassword'), { exact: true }).fill(masterPassword);
  await button(popup, t('unlock.submit')).click();
}

/** Unlocks from the unlock screen and waits for the entry list. */
export async function unlock(popup: Page, masterPassword: string): Promise<void> {
  await submitMasterPassword(popup, masterPassword);
  await expectScreen(popup, 'entries');
}

/** Types `query` into the search box (the list follows as the worker answers). */
export async function search(popup: Page, query: string): Promise<void> {
  await popup.getByRole('searchbox', { name: t('popup.search.label'), exact: true }).fill(query);
}

/** The entry row (list item) showing `name`. */
export function entryRow(popup: Page, name: string) {
  return popup.getByTestId('entry').filter({ has: popup.locator('.entry-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) });
}

/** The names of the rows the list shows. */
export function entryNames(popup: Page): Promise<string[]> {
  return popup.locator('[data-testid="entry"] .entry-name').allTextContents();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A catalog message with its `{placeholders}` matching anything, e.g. the copy notice's countdown. */
export function messagePattern(template: string): RegExp {
  return new RegExp(`^${template.split(/\{\w+\}/).map(escapeRegExp).join('.+')}$`);
}

/** The texts of what `locator` matches now, without waiting: for `expect.poll`. */
export function textsOf(locator: Locator): Promise<string[]> {
  return locator.allTextContents();
}

/** Sends `request` from the popup page to the worker, as the popup's own code does; throws the refusal. */
export async function ask<R extends PageRequest>(popup: Page, request: R): Promise<PageReplies[R['type']]> {
  const reply = await popup.evaluate(
    (message) => (globalThis as unknown as ExtensionGlobals).chrome.runtime.sendMessage(message) as Promise<Reply<unknown>>,
    request as PageRequest,
  );
  if (!reply.ok) throw new Error(`${request.type} failed: ${reply.error.code}: ${reply.error.message}`);
  return reply.value as PageReplies[R['type']];
}

/** The worker's status as the popup sees it (`status` counts as activity, like any popup request). */
export function statusOf(popup: Page): Promise<StatusReply> {
  return ask(popup, { type: 'status' });
}

/** Opens the settings screen from the entry list's toolbar. */
export async function openSettings(popup: Page): Promise<void> {
  await button(popup, t('popup.settings')).click();
  await expectScreen(popup, 'settings');
}

/** The clipboard's text, read in the (focused) popup; needs clipboard-read granted to the extension. */
export async function clipboardText(popup: Page): Promise<string> {
  await popup.bringToFront();
  return popup.evaluate(() => navigator.clipboard.readText());
}

/** Puts `text` on the clipboard from the popup. */
export async function setClipboard(popup: Page, text: string): Promise<void> {
  await popup.bringToFront();
  await popup.evaluate((value) => navigator.clipboard.writeText(value), text);
}

/** Closes every extension tab (open popups message the worker, which counts as activity). */
export async function closeExtensionPages(chromium: ChromiumHarness): Promise<void> {
  const origin = `chrome-extension://${chromium.extensionId}/`;
  await Promise.all(chromium.context.pages().filter((page) => page.url().startsWith(origin)).map((page) => page.close()));
}

// The manifest, shown as a page of the extension's origin, has the extension APIs but sends the worker
// nothing: reading or editing storage from it neither wakes the worker nor counts as use.
async function withQuietPage<T>(chromium: ChromiumHarness, work: (page: Page) => Promise<T>): Promise<T> {
  const page = await chromium.openExtensionPage('manifest.json');
  try {
    return await work(page);
  } finally {
    await page.close();
  }
}

/** The worker's live session in `storage.session` (absent when locked). */
export function liveSession(chromium: ChromiumHarness): Promise<StoredLiveSession | undefined> {
  return withQuietPage(chromium, (page) =>
    page.evaluate(async () => (await (globalThis as unknown as ExtensionGlobals).chrome.storage.session.get('keyhold.session'))['keyhold.session'] as StoredLiveSession | undefined),
  );
}

/** The account record in `storage.local`. */
export function storedAccount(chromium: ChromiumHarness): Promise<StoredAccount> {
  return withQuietPage(chromium, (page) =>
    page.evaluate(async () => (await (globalThis as unknown as ExtensionGlobals).chrome.storage.local.get('keyhold.account'))['keyhold.account'] as StoredAccount),
  );
}

/** Everything in `storage.local`, serialised, to look for what must never be written to disk. */
export function localStorageDump(chromium: ChromiumHarness): Promise<string> {
  return withQuietPage(chromium, (page) => page.evaluate(async () => JSON.stringify(await (globalThis as unknown as ExtensionGlobals).chrome.storage.local.get(null))));
}

/** Moves the recorded last activity `ms` into the past, as if nobody had used Keyhold since. */
export function backdateActivity(chromium: ChromiumHarness, ms: number): Promise<void> {
  return withQuietPage(chromium, (page) =>
    page.evaluate(async (by) => {
      const { storage } = (globalThis as unknown as ExtensionGlobals).chrome;
      const live = (await storage.session.get('keyhold.session'))['keyhold.session'] as { lastActivityAt: number } | undefined;
      if (!live) throw new Error('no live session to backdate: the worker is already locked');
      await storage.session.set({ 'keyhold.session': { ...live, lastActivityAt: Date.now() - by } });
    }, ms),
  );
}

/** Fires the worker's auto-lock alarm now, as Chrome does every minute, without any page asking it anything. */
export function fireAutoLockAlarm(chromium: ChromiumHarness): Promise<void> {
  return withQuietPage(chromium, (page) => page.evaluate(() => (globalThis as unknown as ExtensionGlobals).chrome.alarms.create('keyhold.auto-lock', { when: Date.now() })));
}
