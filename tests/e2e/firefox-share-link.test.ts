import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShareLinkRoute } from '../../lib/contract/share-links';
import { createLinkSecret, formatLinkFragment } from '../../lib/crypto/link-keys';
import { shareLinkUrl } from '../../lib/session/share-links';
import { sealLinkPayload } from '../../lib/vault/link-payload';
import { newId } from '../../lib/vault/owner-setup';
import { en as linkPage } from '../../server/share-links/page-catalogs/en';
import { launchPlainFirefox } from '../helpers/firefox';
import { createTestOrganisation, type TestMember } from '../helpers/organisation';
import { startServer, type RunningServer } from '../helpers/server-process';
import { newItem, newVault } from '../helpers/vault-fixtures';
import { hasFirefox } from './fixtures';

// The recipient's page of a share link in Firefox, with no add-on (issue #13: "any browser"): the
// key and token are derived with Firefox's WebCrypto, the entry decrypted and shown on "Reveal".

describe.skipIf(!hasFirefox)('a share link opened in Firefox', () => {
  let server: RunningServer;
  let owner: TestMember;
  let itemId: string;
  let firefox: Browser;

  beforeAll(async () => {
    server = await startServer({ engine: 'sqlite' });
    [{ owner }, firefox] = await Promise.all([createTestOrganisation(server), launchPlainFirefox()]);
    itemId = (await newItem(owner, await newVault(owner), { name: 'Router' })).id;
  }, 120_000);

  afterAll(async () => {
    await firefox?.close();
    await server?.stop();
  });

  it('reveals the password once, then says the link was used', async () => {
    const id = newId();
    const secret = createLinkSecret();
    const sealed = await sealLinkPayload(secret, id, { version: 1, name: 'Router', login: 'admin', urls: [], fields: [{ type: 'password', label: 'Password', value: 'firefox secret 2026' }] });
    await owner.api.call(createShareLinkRoute, { params: { id: itemId }, body: { id, ...sealed, expiresInSeconds: 3600, maxViews: 1 } });
    const url = shareLinkUrl(server.url, id, formatLinkFragment(secret));

    const page = await firefox.newPage();
    await page.goto(url);
    await page.waitForSelector('#link-page[data-state="ready"]');
    await page.click('button.reveal');
    await page.waitForSelector('#link-page[data-state="revealed"]');
    await page.click('button.show');
    expect(await page.$eval('[data-testid="link-password"]', (node) => node.textContent)).toBe('firefox secret 2026');

    const again = await firefox.newPage();
    await again.goto(url);
    await again.waitForSelector('button.reveal');
    await again.click('button.reveal');
    await again.waitForSelector('[data-testid="link-error"]');
    expect(await again.$eval('[data-testid="link-error"]', (node) => node.textContent)).toBe(linkPage['error.usedUp']);
  });
});
