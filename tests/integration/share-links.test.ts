import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShareLinkRoute, listEntryLinksRoute, listOwnLinksRoute, revokeShareLinkRoute } from '../../lib/contract/share-links';
import { createLinkSecret, deriveLinkKeys } from '../../lib/crypto/link-keys';
import { hashAccessToken } from '../../lib/crypto/token-hash';
import { openLinkPayload, sealLinkPayload, type LinkPayload } from '../../lib/vault/link-payload';
import { newId } from '../../lib/vault/owner-setup';
import { openDatabase } from '../../server/db/database';
import { recordedEvents } from '../helpers/recorded-events';
import { expectRefusal } from '../helpers/route-case';
import { ENGINES } from '../helpers/test-database';
import { createVaultWorld, type VaultWorld } from '../helpers/vault-fixtures';

// Issue #13 item 1 over HTTP on both engines: a share link made as the extension makes it, opened
// without an account as the recipient's page opens it. The page and its assets count nothing; only
// the reveal does, atomically, so a single-use link opens exactly once however many ask at once.

const PAYLOAD: LinkPayload = { version: 1, name: 'Build server', login: 'ci@acme.test', urls: ['https://ci.acme.test'], fields: [{ type: 'password', label: 'Password', value: 'correct horse' }] };
const STRICT_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

describe.each(ENGINES)('share links on $engine', ({ engine, available }) => {
  let w: VaultWorld;

  beforeAll(async () => {
    if (!available) return;
    w = await createVaultWorld(engine);
  }, 180_000);
  afterAll(() => w?.server.stop());

  /** A link on the shared item made by `member` (the owner unless said), with its secret. */
  async function newLink(options: { expiresInSeconds?: number | null; maxViews?: number | null; member?: VaultWorld['owner'] } = {}) {
    const secret = createLinkSecret();
    const id = newId();
    const sealed = await sealLinkPayload(secret, id, PAYLOAD);
    const member = options.member ?? w.owner;
    const link = await member.api.call(createShareLinkRoute, { params: { id: w.sharedItem.id }, body: { id, ...sealed, expiresInSeconds: options.expiresInSeconds === undefined ? 3600 : options.expiresInSeconds, maxViews: options.maxViews ?? null } });
    return { id, secret, accessToken: sealed.accessToken, link };
  }

  /** The recipient's POST, as the page sends it: no account, the token in the body. */
  async function reveal(id: string, accessToken: string) {
    const response = await fetch(`${w.server.url}/api/v1/links/${id}/reveal`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accessToken }) });
    const body = (await response.json()) as { ciphertext?: string; viewsLeft?: number | null; errors?: { code: string; message: string }[] };
    return { status: response.status, body, headers: response.headers, code: body.errors?.[0]?.code };
  }

  const viewsOf = async (id: string) => (await w.owner.api.call(listEntryLinksRoute, { params: { id: w.sharedItem.id } })).links.find((link) => link.id === id)!;

  it.runIf(available)('reveals the data, which opens with the secret, to someone with no account, and counts the view', async () => {
    const { id, secret, accessToken, link } = await newLink({ maxViews: 2 });
    expect(link).toMatchObject({ state: 'active', views: 0, viewsLeft: 2, maxViews: 2, createdBy: w.owner.userId });
    expect(link.expiresAt! - link.createdAt).toBe(3600_000);
    const first = await reveal(id, accessToken);
    expect(first.status).toBe(200);
    expect(first.body.viewsLeft).toBe(1);
    expect(await openLinkPayload(secret, id, first.body.ciphertext!)).toEqual(PAYLOAD);
    expect(await viewsOf(id)).toMatchObject({ views: 1, viewsLeft: 1, state: 'active', lastViewedAt: expect.any(Number) });
    const [revealed] = (await recordedEvents(w.server, 'link.revealed', null as unknown as string)).filter((event) => event.details.linkId === id);
    expect(revealed).toMatchObject({ actor: { type: 'anonymous', id: null }, target: { type: 'item', id: w.sharedItem.id }, vaultId: w.shared.vaultId, ip: expect.stringMatching(/127\.0\.0\.1|::1/), details: { views: 1, viewsLeft: 1 } });
    expect((await recordedEvents(w.server, 'link.created', w.owner.userId)).some((event) => event.details.linkId === id)).toBe(true);
  });

  it.runIf(available)('stores only the hash of the access token and the data sealed, never the secret or the token', async () => {
    const { id, accessToken } = await newLink();
    const { db, close } = openDatabase({ dataDir: w.server.dataDir, databaseUrl: w.server.postgres?.url });
    try {
      const row = await db.selectFrom('share_links').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.token_hash).toBe(await hashAccessToken(accessToken));
      expect(JSON.stringify(row)).not.toContain(accessToken);
      expect(row.ciphertext).toMatch(/^s1\./);
    } finally {
      await close();
    }
    expect(w.server.output()).not.toContain(accessToken);
  });

  it.runIf(available)('counts nothing for the page and its assets: a previewed single-use link still opens once', async () => {
    const { id, accessToken } = await newLink({ maxViews: 1 });
    for (const path of [`/s/${id}`, `/s/${id}`, '/assets/link-page.js', '/assets/link-page.css']) expect((await fetch(`${w.server.url}${path}`)).status, path).toBe(200);
    expect(await viewsOf(id)).toMatchObject({ views: 0, state: 'active' });
    expect((await reveal(id, accessToken)).status).toBe(200);
    const again = await reveal(id, accessToken);
    expect([again.status, again.code]).toEqual([410, 'linkUsedUp']);
    expect(await viewsOf(id)).toMatchObject({ views: 1, viewsLeft: 0, state: 'usedUp' });
  });

  it.runIf(available)('opens a single-use link exactly once when 20 reveals race', async () => {
    const { id, accessToken } = await newLink({ maxViews: 1 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => reveal(id, accessToken)));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 410 && answer.code === 'linkUsedUp')).toHaveLength(19);
    expect((await viewsOf(id)).views).toBe(1);
  });

  it.runIf(available)('gives as many views as allowed, then refuses', async () => {
    const { id, accessToken } = await newLink({ maxViews: 3 });
    const left = [];
    for (let i = 0; i < 3; i++) left.push((await reveal(id, accessToken)).body.viewsLeft);
    expect(left).toEqual([2, 1, 0]);
    expect((await reveal(id, accessToken)).code).toBe('linkUsedUp');
    const unlimited = await newLink({ maxViews: null, expiresInSeconds: null });
    for (let i = 0; i < 5; i++) expect((await reveal(unlimited.id, unlimited.accessToken)).body.viewsLeft).toBeNull();
    expect(await viewsOf(unlimited.id)).toMatchObject({ views: 5, viewsLeft: null, expiresAt: null, state: 'active' });
  });

  it.runIf(available)('refuses an expired link with 410 linkExpired, and expiries outside 1 hour … 30 days', async () => {
    const { id, accessToken } = await newLink({ expiresInSeconds: 3600 });
    // The server's clock is its own process's: the expiry is moved into the past instead.
    const { db, close } = openDatabase({ dataDir: w.server.dataDir, databaseUrl: w.server.postgres?.url });
    await db.updateTable('share_links').set({ expires_at: Date.now() - 1000 }).where('id', '=', id).execute();
    await close();
    const refused = await reveal(id, accessToken);
    expect([refused.status, refused.code]).toEqual([410, 'linkExpired']);
    expect(await viewsOf(id)).toMatchObject({ views: 0, state: 'expired' });
    for (const seconds of [3599, 30 * 86400 + 1]) {
      const other = newId();
      const sealed = await sealLinkPayload(createLinkSecret(), other, PAYLOAD);
      await expectRefusal(w.owner.api.call(createShareLinkRoute, { params: { id: w.sharedItem.id }, body: { id: other, ...sealed, expiresInSeconds: seconds, maxViews: null } }), { status: 400, code: 'validationFailed', field: 'body.expiresInSeconds' });
    }
    expect((await newLink({ expiresInSeconds: 30 * 86400 })).link.state).toBe('active');
  });

  it.runIf(available)('revokes: the link stops opening and is listed as revoked; only the creator or who may share the entry revokes', async () => {
    const { id, accessToken } = await newLink();
    await expectRefusal(w.reader.api.call(revokeShareLinkRoute, { params: { id } }), { status: 403, code: 'forbidden' });
    await expectRefusal(w.outsider.api.call(revokeShareLinkRoute, { params: { id } }), { status: 404, code: 'notFound' });
    await w.owner.api.call(revokeShareLinkRoute, { params: { id } });
    await w.owner.api.call(revokeShareLinkRoute, { params: { id } });
    const refused = await reveal(id, accessToken);
    expect([refused.status, refused.code]).toEqual([410, 'linkRevoked']);
    expect(await viewsOf(id)).toMatchObject({ state: 'revoked', revokedAt: expect.any(Number), views: 0 });
    expect((await recordedEvents(w.server, 'link.revoked', w.owner.userId)).filter((event) => event.details.linkId === id)).toHaveLength(1);
    const mine = await w.full.api.call(listOwnLinksRoute);
    expect(mine.links.every((link) => link.createdBy === w.full.userId)).toBe(true);
  });

  it.runIf(available)('answers a wrong token and an unknown link alike: 404 linkNotFound, with the same message', async () => {
    const { id, accessToken } = await newLink();
    const other = (await deriveLinkKeys(createLinkSecret())).accessToken;
    const wrong = await reveal(id, other);
    const unknown = await reveal(newId(), accessToken);
    expect([wrong.status, wrong.code, unknown.status, unknown.code]).toEqual([404, 'linkNotFound', 404, 'linkNotFound']);
    expect(wrong.body).toEqual(unknown.body);
    expect((await reveal(id, accessToken)).status).toBe(200);
    const failed = (await recordedEvents(w.server, 'link.revealFailed', null as unknown as string)).filter((event) => event.details.linkId === id);
    expect(failed.map((event) => event.details.reason)).toEqual(['wrongToken']);
    expect((await reveal(id, 'not a token')).status).toBe(400);
  });

  it.runIf(available)('lets only who may share the entry make and list its links', async () => {
    await expectRefusal(newLink({ member: w.reader }), { status: 403, code: 'forbidden' });
    await expectRefusal(newLink({ member: w.editor }), { status: 403, code: 'forbidden' });
    expect((await newLink({ member: w.full })).link.createdBy).toBe(w.full.userId);
    await expectRefusal(w.outsider.api.call(listEntryLinksRoute, { params: { id: w.sharedItem.id } }), { status: 404, code: 'notFound' });
  });

  it.runIf(available)('serves the page, its assets and the reveal with no-store, no-referrer, nosniff and the strict CSP', async () => {
    const { id, accessToken } = await newLink();
    const page = await fetch(`${w.server.url}/s/${id}`, { headers: { 'accept-language': 'de-DE,de;q=0.9' } });
    const html = await page.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Mit Ihnen geteilt');
    const responses = [page, await fetch(`${w.server.url}/assets/link-page.js`), (await revealResponse(id, accessToken)), await revealResponse(id, 'A'.repeat(43))];
    for (const response of responses) {
      expect(response.headers.get('cache-control'), response.url).toBe('no-store');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).toBe(STRICT_CSP);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 404]);
  });

  const revealResponse = (id: string, accessToken: string) => fetch(`${w.server.url}/api/v1/links/${id}/reveal`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accessToken }) });

  // Last: it blocks this address for failed reveals for the rest of the file.
  it.runIf(available)('blocks an address after 20 failed reveals with 429 rateLimited, a correct token too', async () => {
    const { id, accessToken } = await newLink();
    const wrongToken = (await deriveLinkKeys(createLinkSecret())).accessToken;
    const statuses = [];
    for (let i = 0; i < 22; i++) statuses.push((await reveal(newId(), wrongToken)).status);
    expect(statuses.slice(0, 20).every((status) => status === 404 || status === 429)).toBe(true);
    const blocked = await reveal(id, accessToken);
    expect([blocked.status, blocked.code]).toEqual([429, 'rateLimited']);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
