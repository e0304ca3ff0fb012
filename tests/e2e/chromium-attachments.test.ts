import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAttachmentsRoute } from '../../lib/contract/attachments';
import { updateItemRoute, type Item } from '../../lib/contract/items';
import { updateItem } from '../../lib/vault/item';
import type { HeldVaultKey } from '../../lib/vault/vault-keys';
import { launchChromium, type ChromiumHarness } from '../helpers/chromium';
import { ownerElsewhere } from '../helpers/extension-session';
import type { TestMember } from '../helpers/organisation';
import { startServer, type RunningServer } from '../helpers/server-process';
import { newItem, newVault } from '../helpers/vault-fixtures';
import { hasChromium } from './fixtures';
import { closeExtensionPages, openPopup, registerOwner, storedAccount, t } from './session-helpers';

// Attachments on the vault page (issue #13 item 2): the owner attaches a file to an entry in the
// vault page, the page streams it to the worker, which encrypts and uploads it; downloading it
// gives back the same bytes as a file; removing it asks first. Tests run in order.

const POLL = { timeout: 20_000 };
// 300 kB: several chunks on the port each way and five 64 KiB segments, not a multiple of either.
const CONTENT = Buffer.from(Array.from({ length: 300_001 }, (_, i) => (i * 7 + (i >> 8)) & 0xff));

describe.skipIf(!hasChromium)('attachments on the vault page, in Chromium', () => {
  let server: RunningServer;
  let chromium: ChromiumHarness;
  let owner: TestMember;
  let itemId: string;
  let item: Item;
  let vault: HeldVaultKey;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ engine: 'sqlite' });
    chromium = await launchChromium();
    await registerOwner(await openPopup(chromium), server);
    owner = await ownerElsewhere(server, await storedAccount(chromium));
    vault = await newVault(owner, { name: 'Personal' });
    item = await newItem(owner, vault, { name: 'Build server' });
    itemId = item.id;
    await closeExtensionPages(chromium);
    page = await chromium.openExtensionPage('vault.html');
    await page.getByTestId('vault-row').filter({ hasText: 'Build server' }).click();
    await page.getByTestId('attachments').waitFor();
  }, 120_000);

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
  });

  it('attaches a chosen file to the entry, encrypted: the server holds its size, never its name', async () => {
    const attachments = page.getByTestId('attachments');
    await attachments.getByTestId('attachment-input').setInputFiles({ name: 'deploy-key.pem', mimeType: 'application/x-pem-file', buffer: CONTENT });
    await expect.poll(() => attachments.getByTestId('attachment').locator('.attachment-name').allTextContents(), POLL).toEqual(['deploy-key.pem']);
    const [stored] = (await owner.api.call(listAttachmentsRoute, { params: { id: itemId }, query: {} })).attachments;
    expect(stored).toMatchObject({ complete: true, createdBy: owner.userId });
    expect(JSON.stringify(stored)).not.toContain('deploy-key');
  });

  it('downloads it as a file with the same name and bytes', async () => {
    const attachments = page.getByTestId('attachments');
    const [download] = await Promise.all([page.waitForEvent('download', POLL), attachments.getByRole('button', { name: t('vault.attachments.download') }).click()]);
    expect(download.suggestedFilename()).toBe('deploy-key.pem');
    expect(readFileSync((await download.path())!).equals(CONTENT)).toBe(true);
  });

  it('removes it only after a confirmation', async () => {
    const attachments = page.getByTestId('attachments');
    await attachments.getByRole('button', { name: t('vault.attachments.remove') }).click();
    await attachments.getByRole('button', { name: t('common.cancel') }).click();
    expect(await attachments.getByTestId('attachment').count()).toBe(1);
    await attachments.getByRole('button', { name: t('vault.attachments.remove') }).click();
    await attachments.getByRole('group').getByRole('button', { name: t('vault.attachments.remove') }).click();
    await expect.poll(() => attachments.getByTestId('attachment').count(), POLL).toBe(0);
    await attachments.getByText(t('vault.attachments.none')).waitFor();
  });
  it('lists a removed file under the revision that had it, and downloads it from there', async () => {
    const attachments = page.getByTestId('attachments');
    await attachments.getByTestId('attachment-input').setInputFiles({ name: 'old-cert.pem', mimeType: 'application/x-pem-file', buffer: CONTENT });
    await expect.poll(() => attachments.getByTestId('attachment').count(), POLL).toBe(1);
    // The entry changes (revision 2), then the file is removed: revision 1 keeps it.
    await owner.api.call(updateItemRoute, { params: { id: itemId }, body: await updateItem(item, vault, { description: 'rotated' }) });
    await page.reload();
    await page.getByTestId('vault-row').filter({ hasText: 'Build server' }).click();
    await attachments.getByRole('button', { name: t('vault.attachments.remove') }).click();
    await attachments.getByRole('group').getByRole('button', { name: t('vault.attachments.remove') }).click();
    await expect.poll(() => attachments.getByTestId('attachment').count(), POLL).toBe(0);
    await page.getByRole('button', { name: t('vault.history.show') }).click();
    const first = page.getByTestId('revision').filter({ hasText: t('vault.history.revision', { revision: 1 }) });
    await first.getByRole('button', { name: t('vault.attachments.ofRevision') }).click();
    const kept = first.getByTestId('revision-attachments');
    await expect.poll(() => kept.getByTestId('attachment').locator('.attachment-name').allTextContents(), POLL).toEqual(['old-cert.pem']);
    const [download] = await Promise.all([page.waitForEvent('download', POLL), kept.getByRole('button', { name: t('vault.attachments.download') }).click()]);
    expect(readFileSync((await download.path())!).equals(CONTENT)).toBe(true);
  });
});
