import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumHarness } from '../helpers/chromium';
import { createTotpEntry, ownerElsewhere, type TotpEntry } from '../helpers/extension-session';
import { startServer, type RunningServer } from '../helpers/server-process';
import { hasChromium } from './fixtures';
import { closeExtensionPages, openPopup, registerOwner, storedAccount, t, textsOf } from './session-helpers';

// The vault page for people who use a keyboard or a screen reader (issue #7): axe-core's WCAG 2.1
// A and AA rules over each of its views, and the main flows driven from the keyboard alone.

const POLL = { timeout: 15_000 };
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG A and AA violations on the page as it is, one line each ("rule: element, element"). */
async function violations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol, which the extension page's CSP does not govern.
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[]; passes: unknown[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  // An empty list only means something if the rules ran.
  expect(found.passes.length).toBeGreaterThan(10);
  return found.violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

describe.skipIf(!hasChromium)('the vault page for keyboard and screen reader users, in Chromium', () => {
  let server: RunningServer;
  let chromium: ChromiumHarness;
  let entry: TotpEntry;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ engine: 'sqlite' });
    chromium = await launchChromium();
    await registerOwner(await openPopup(chromium), server);
    entry = await createTotpEntry(await ownerElsewhere(server, await storedAccount(chromium)));
    await closeExtensionPages(chromium);
    page = await chromium.openExtensionPage('vault.html');
    await page.getByTestId('vault-row').filter({ hasText: entry.name }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
  });

  it('has no WCAG A or AA violations in the list with an entry’s details', async () => {
    await page.getByTestId('vault-row').first().click();
    await page.getByTestId('entry-details').getByRole('button', { name: t('vault.edit') }).waitFor();
    expect(await violations(page)).toEqual([]);
  });

  it('has none in the entry form', async () => {
    await page.getByRole('button', { name: t('vault.new') }).click();
    await page.getByTestId('entry-form').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByTestId('entry-form').getByRole('button', { name: t('common.cancel') }).click();
  });

  it('has none in a vault’s members and sharing panel, nor in the new vault form', async () => {
    await page.getByTestId('navigation').getByRole('button', { name: /^Personal/ }).click();
    await page.getByTestId('vault-actions').getByRole('button', { name: t('vault.vaults.members') }).click();
    await page.getByTestId('vault-member').first().waitFor();
    await page.getByTestId('navigation').getByRole('button', { name: t('vault.vaults.new') }).click();
    expect(await violations(page)).toEqual([]);
  });

  it('has none in the settings', async () => {
    await page.getByRole('button', { name: t('vault.settings') }).click();
    await page.getByTestId('key-fingerprint').locator('code').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: t('vault.settings') }).click();
  });

  it('creates an entry from the keyboard alone: Enter on New entry, the name focused, Tab to the login, Enter saves', async () => {
    await page.reload();
    await page.getByTestId('vault-row').first().waitFor();
    await page.getByRole('button', { name: t('vault.new') }).focus();
    await page.keyboard.press('Enter');
    const form = page.getByTestId('entry-form');
    const name = form.getByLabel(t('vault.form.name'));
    await expect.poll(() => name.evaluate((input) => input === document.activeElement), POLL).toBe(true);
    await page.keyboard.type('Typed with keys');
    await page.keyboard.press('Tab');
    await page.keyboard.type('keyboard-user');
    await page.keyboard.press('Enter');
    await expect.poll(() => textsOf(page.getByTestId('vault-row').locator('.row-name')), POLL).toContain('Typed with keys');
  });
});
