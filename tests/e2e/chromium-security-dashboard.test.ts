import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumHarness } from '../helpers/chromium';
import { ownerElsewhere } from '../helpers/extension-session';
import type { TestMember } from '../helpers/organisation';
import { startServer, type RunningServer } from '../helpers/server-process';
import { newItem, newVault } from '../helpers/vault-fixtures';
import { hasChromium } from './fixtures';
import { ask, closeExtensionPages, openPopup, registerOwner, storedAccount, t, textsOf } from './session-helpers';

// The security dashboard in real Chromium against the real server: the service worker decrypts the
// entries, reads zxcvbn's dictionaries from the extension's own files and sends the page findings
// only; the owner (who holds viewAuditLog) also gets the activity chart from GET /audit/signals.

const POLL = { timeout: 30_000 };
const PASSWORDS = { Router: 'password1', Mail: 'Same-Pa55word-Twice!', Chat: 'Same-Pa55word-Twice!', Wiki: 'v9#Lq2!mZx7@Rk4pW3&e' };

describe.skipIf(!hasChromium)('the security dashboard in Chromium', () => {
  let chromium: ChromiumHarness;
  let server: RunningServer;
  let owner: TestMember;

  beforeAll(async () => {
    server = await startServer({ engine: 'sqlite' });
    chromium = await launchChromium();
    const popup = await openPopup(chromium);
    await registerOwner(popup, server);
    await closeExtensionPages(chromium);
    owner = await ownerElsewhere(server, await storedAccount(chromium));
    const vault = await newVault(owner, { name: 'Personal' });
    for (const [name, password] of Object.entries(PASSWORDS)) {
      await newItem(owner, vault, { name, login: 'owner', urls: [{ url: `https://${name.toLowerCase()}.acme.test/login`, match: 'host' }], fields: [{ id: 'password', type: 'password', label: 'Password', value: password }] });
    }
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
  });

  it('lists the weak and the reused passwords with their fixes, and never shows a password', async () => {
    const page = await chromium.openExtensionPage('vault.html');
    await ask(page, { type: 'sync.now' });
    await page.getByRole('button', { name: t('vault.security.button') }).click();
    const dashboard = page.getByTestId('security-dashboard');
    await expect.poll(() => dashboard.getByTestId('security-summary').textContent(), POLL).toMatch(/^4 passwords checked\./);
    const weak = dashboard.getByTestId('security-weak').getByTestId('finding');
    expect(await textsOf(weak.locator('.finding-name'))).toEqual(['Router']);
    expect(await weak.getByRole('link', { name: t('vault.entry.changePassword.action') }).getAttribute('href')).toBe('https://router.acme.test/.well-known/change-password');
    expect(await textsOf(dashboard.getByTestId('security-reused').getByTestId('finding').locator('.finding-name'))).toEqual(['Chat', 'Mail']);
    const shown = (await page.locator('body').textContent()) ?? '';
    for (const password of Object.values(PASSWORDS)) expect(shown).not.toContain(password);

    // The owner holds viewAuditLog: the last 7 days, one bar a day.
    await expect.poll(() => page.getByTestId('activity-bar').count(), POLL).toBe(7);

    // Edit opens the entry's editor.
    await dashboard.getByTestId('security-weak').getByRole('button', { name: `${t('vault.security.edit')}: Router` }).click();
    await expect.poll(() => page.getByTestId('entry-form').getByLabel(t('vault.form.name')).inputValue(), POLL).toBe('Router');
  });
});
