import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumHarness } from '../helpers/chromium';
import { OWNER, ownerElsewhere } from '../helpers/extension-session';
import type { TestMember } from '../helpers/organisation';
import { ROOT } from '../helpers/paths';
import { recordedEvents } from '../helpers/recorded-events';
import { startServer, type RunningServer } from '../helpers/server-process';
import { newVault } from '../helpers/vault-fixtures';
import { hasChromium } from './fixtures';
import { ask, closeExtensionPages, openPopup, registerOwner, storedAccount, t } from './session-helpers';

// Import and export in the vault page, in real Chromium against the real server: a Bitwarden file
// parsed in the page's lazy chunk, its entries sealed by the worker batch by batch while the
// progress bar fills, the summary, the entries in the list; and a CSV export that a wrong master
// password refuses and the right one downloads, recorded in the audit log.

const POLL = { timeout: 60_000 };
const BITWARDEN = join(ROOT, 'tests/fixtures/import/bitwarden/personal.json');

describe.skipIf(!hasChromium)('import and export in the vault page in Chromium', () => {
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
    await newVault(owner, { name: 'Personal' });
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
  });

  it('imports a Bitwarden file: the progress bar fills, the summary says what was skipped, the entries are listed', async () => {
    const page = await chromium.openExtensionPage('vault.html');
    await ask(page, { type: 'sync.now' });
    await page.getByRole('button', { name: t('vault.transfer.button') }).click();
    const panel = page.getByTestId('import-panel');
    await panel.getByTestId('import-format').selectOption('bitwarden-json');
    await panel.getByTestId('import-vault').selectOption({ label: 'Personal' });
    await panel.getByTestId('import-file').setInputFiles(BITWARDEN);
    await panel.getByRole('button', { name: t('transfer.import.start') }).click();
    const summary = panel.getByTestId('import-summary');
    await expect.poll(() => summary.textContent(), POLL).toMatch(/^Imported [1-9]\d* entries; skipped \d+\./);
    const progress = panel.getByTestId('import-progress');
    expect(await progress.getAttribute('value')).toBe(await progress.getAttribute('max'));

    // The same file again: nothing new, every entry skipped as already in the vault.
    await panel.getByRole('button', { name: t('transfer.import.start') }).click();
    await expect.poll(() => summary.textContent(), POLL).toMatch(/^Imported 0 entries;/);
    expect(await summary.textContent()).toContain(t('transfer.skip.duplicate'));

    await page.getByRole('button', { name: t('vault.transfer.button') }).click();
    await expect.poll(async () => (await page.locator('.vault-list').textContent()) ?? '', POLL).toContain('Build server');
    expect((await recordedEvents(server, 'import.completed', owner.userId)).length).toBe(2);
  });

  it('exports CSV only with the master password typed again, and records the export', async () => {
    const page = await chromium.openExtensionPage('vault.html');
    await page.getByRole('button', { name: t('vault.transfer.button') }).click();
    const panel = page.getByTestId('export-panel');
    await panel.getByTestId('export-format').selectOption('csv');
    expect(await panel.textContent()).toContain(t('transfer.export.plainWarning'));
    await panel.getByTestId('export-master-password').fill('not the master password');
    await panel.getByRole('button', { name: t('transfer.export.start') }).click();
    await expect.poll(() => panel.getByRole('alert').textContent(), POLL).toBe(t('transfer.export.wrongMasterPassword'));
    expect(await recordedEvents(server, 'vault.exported', owner.userId)).toEqual([]);

    await panel.getByTestId('export-master-password').fill(OWNER.masterPassword);
    const download = page.waitForEvent('download');
    await panel.getByRole('button', { name: t('transfer.export.start') }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('vault,folder,name,login,password,url,urls,totp,notes,tags,fields');
    expect(csv).toContain('Build server');
    expect(await recordedEvents(server, 'vault.exported', owner.userId)).toEqual([expect.objectContaining({ details: expect.objectContaining({ format: 'csv' }) })]);
  });
});
