import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiRequestError, createApiClient, type ApiClient } from '../../lib/api/client';
import { updateKdfTargetRoute } from '../../lib/contract/app-settings';
import { MAX_CLIENT_EVENTS, reportClientEventsRoute, type ClientEvent } from '../../lib/contract/client-events';
import { updateFolderRoute } from '../../lib/contract/folders';
import { addGroupMemberRoute, createGroupRoute } from '../../lib/contract/groups';
import { deleteAttachmentRoute } from '../../lib/contract/attachments';
import { downloadHash, uploadPattern } from '../helpers/attachment-files';
import { getSnapshotRoute, restoreItemRoute, trashItemRoute, updateItemRoute } from '../../lib/contract/items';
import { confirmTotpRoute, startTotpRoute } from '../../lib/contract/mfa';
import { loginRoute, revokeSessionRoute } from '../../lib/contract/sessions';
import { putVaultAccessRoute, removeVaultAccessRoute } from '../../lib/contract/vault-access';
import { createShareLinkRoute, revokeShareLinkRoute } from '../../lib/contract/share-links';
import { createLinkSecret } from '../../lib/crypto/link-keys';
import { sealLinkPayload } from '../../lib/vault/link-payload';
import { createKeyholdSession } from '../../lib/session/keyhold-session';
import { createVaultCaches } from '../../lib/session/vault-caches';
import { memoryArea } from '../../lib/settings/memory-area';
import { openItem, updateItem } from '../../lib/vault/item';
import { newId } from '../../lib/vault/owner-setup';
import { totpCode } from '../../lib/vault/totp';
import type { EventRecord } from '../../server/events/events.repository';
import { MAX_REPORT_AGE_MS } from '../../server/client-events/client-events.service';
import type { TestMember } from '../helpers/organisation';
import { recordedEvents } from '../helpers/recorded-events';
import { expectRefusal } from '../helpers/route-case';
import { ENGINES } from '../helpers/test-database';
import { createVaultWorld, newFolder, newItem, newVault, type VaultWorld } from '../helpers/vault-fixtures';

// Issue #11 item 1: every action a person takes leaves an event naming who, what, in which vault,
// from which address and whether from the browser extension (Passwork-BrowserMode: 1). Each case
// acts over HTTP as the extension does and reads the event log from the database.

const FROM_THE_EXTENSION = { ip: expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$|^::1$/) as unknown as string, browserMode: true };

describe.each(ENGINES)('what the event log records on $engine', ({ engine, available }) => {
  let w: VaultWorld;

  /** `member`'s client as the extension's worker makes it: Passwork-BrowserMode: 1 on every request. */
  const extensionOf = (member: TestMember): ApiClient =>
    createApiClient({ baseUrl: w.server.url, browserMode: true, session: { accessToken: () => member.accessToken }, masterKeyHash: () => member.masterKeyHash });

  /** The newest event of `type` caused by `actor`. */
  async function latest(type: string, actor: TestMember): Promise<EventRecord | undefined> {
    return (await recordedEvents(w.server, type, actor.userId)).at(-1);
  }

  beforeAll(async () => {
    if (!available) return;
    w = await createVaultWorld(engine);
  }, 180_000);

  afterAll(async () => {
    await w?.server.stop();
  });

  it.runIf(available)('logs a file added to, downloaded from and removed from an entry', async () => {
    const item = await newItem(w.owner, w.shared, { name: 'With a file' });
    const entry = (await openItem(item, w.shared)).entry;
    const attachment = await uploadPattern(extensionOf(w.editor), entry, item.id, 70_000);
    expect(await latest('attachment.uploaded', w.editor)).toMatchObject({ target: { type: 'item', id: item.id }, vaultId: w.shared.vaultId, details: { attachmentId: attachment.id, encryptedSize: attachment.encryptedSize }, ...FROM_THE_EXTENSION });
    await downloadHash(extensionOf(w.reader), entry, attachment);
    expect(await latest('attachment.downloaded', w.reader)).toMatchObject({ target: { type: 'item', id: item.id }, vaultId: w.shared.vaultId, details: { attachmentId: attachment.id }, ...FROM_THE_EXTENSION });
    await extensionOf(w.editor).call(deleteAttachmentRoute, { params: { id: item.id, attachmentId: attachment.id } });
    expect(await latest('attachment.deleted', w.editor)).toMatchObject({ target: { type: 'item', id: item.id }, vaultId: w.shared.vaultId, details: { attachmentId: attachment.id }, ...FROM_THE_EXTENSION });
  });

  it.runIf(available)('logs a folder rename and a move apart, each with where it moved from and to', async () => {
    const parent = await newFolder(w.owner, w.shared.vaultId, 'Parent');
    const folder = await newFolder(w.owner, w.shared.vaultId, 'Child');
    await extensionOf(w.owner).call(updateFolderRoute, { params: { id: folder.id }, body: { name: 'Renamed' } });
    expect(await latest('folder.renamed', w.owner)).toMatchObject({ target: { type: 'folder', id: folder.id }, vaultId: w.shared.vaultId, ...FROM_THE_EXTENSION });
    await extensionOf(w.owner).call(updateFolderRoute, { params: { id: folder.id }, body: { name: 'Both', parentId: parent.id } });
    expect((await recordedEvents(w.server, 'folder.renamed', w.owner.userId)).filter((event) => event.target?.id === folder.id)).toHaveLength(2);
    expect(await latest('folder.moved', w.owner)).toMatchObject({ target: { type: 'folder', id: folder.id }, vaultId: w.shared.vaultId, details: { from: null, to: parent.id }, ...FROM_THE_EXTENSION });
  });

  it.runIf(available)('logs entry changes with the client: refiled to a folder, trashed, restored, an old revision opened', async () => {
    const folder = await newFolder(w.owner, w.shared.vaultId, 'Refiled');
    const item = await newItem(w.full, w.shared, { name: 'Refile me' });
    const full = extensionOf(w.full);
    await full.call(updateItemRoute, { params: { id: item.id }, body: await updateItem(item, w.shared, { folderId: folder.id }) });
    expect(await latest('item.updated', w.full)).toMatchObject({ target: { type: 'item', id: item.id }, vaultId: w.shared.vaultId, details: { revision: 2, fromFolder: null, toFolder: folder.id }, ...FROM_THE_EXTENSION });
    await full.call(trashItemRoute, { params: { id: item.id } });
    await full.call(restoreItemRoute, { params: { id: item.id } });
    for (const type of ['item.trashed', 'item.restored']) expect(await latest(type, w.full)).toMatchObject({ target: { type: 'item', id: item.id }, vaultId: w.shared.vaultId, ...FROM_THE_EXTENSION });
    // Reading an old revision is a view of its secrets; listing revisions is not.
    await extensionOf(w.reader).call(getSnapshotRoute, { params: { id: item.id, revision: 1 } });
    expect(await latest('item.snapshotViewed', w.reader)).toMatchObject({ target: { type: 'item', id: item.id }, vaultId: w.shared.vaultId, details: { revision: 1 }, ...FROM_THE_EXTENSION });
  });

  it.runIf(available)('logs group changes and a group’s access to a vault given and taken away', async () => {
    const owner = extensionOf(w.owner);
    const group = await owner.call(createGroupRoute, { body: { id: newId(), name: `Auditors ${engine}` } });
    await owner.call(addGroupMemberRoute, { params: { id: group.id, userId: w.outsider.userId } });
    const vault = await newVault(w.owner, { name: 'Audited' });
    const principal = { id: vault.vaultId, principalType: 'group' as const, principalId: group.id };
    await owner.call(putVaultAccessRoute, { params: principal, body: { folderId: null, level: 'read' } });
    await owner.call(removeVaultAccessRoute, { params: principal, query: {} });
    expect(await latest('group.created', w.owner)).toMatchObject({ target: { type: 'group', id: group.id }, ...FROM_THE_EXTENSION });
    expect(await latest('group.memberAdded', w.owner)).toMatchObject({ target: { type: 'group', id: group.id }, details: { userId: w.outsider.userId }, ...FROM_THE_EXTENSION });
    expect(await latest('vault.shared', w.owner)).toMatchObject({ target: { type: 'group', id: group.id }, vaultId: vault.vaultId, details: { level: 'read' }, ...FROM_THE_EXTENSION });
    expect(await latest('vault.unshared', w.owner)).toMatchObject({ target: { type: 'group', id: group.id }, vaultId: vault.vaultId, ...FROM_THE_EXTENSION });
  });

  it.runIf(available)('logs a share link made, revealed by someone with no account (with their address), refused and revoked', async () => {
    const secret = createLinkSecret();
    const id = newId();
    const sealed = await sealLinkPayload(secret, id, { version: 1, name: 'Shared', login: '', urls: [], fields: [] });
    await extensionOf(w.full).call(createShareLinkRoute, { params: { id: w.sharedItem.id }, body: { id, ...sealed, expiresInSeconds: null, maxViews: 1 } });
    const onTheItem = { target: { type: 'item', id: w.sharedItem.id }, vaultId: w.shared.vaultId };
    expect(await latest('link.created', w.full)).toMatchObject({ ...onTheItem, details: { linkId: id, expiresAt: null, maxViews: 1 }, ...FROM_THE_EXTENSION });
    const reveal = () => fetch(`${w.server.url}/api/v1/links/${id}/reveal`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accessToken: sealed.accessToken }) });
    expect((await reveal()).status).toBe(200);
    expect((await reveal()).status).toBe(410);
    const byRecipient = async (type: string) => (await recordedEvents(w.server, type, null as unknown as string)).filter((event) => event.details.linkId === id);
    expect(await byRecipient('link.revealed')).toMatchObject([{ ...onTheItem, actor: { type: 'anonymous', id: null }, ip: FROM_THE_EXTENSION.ip, details: { views: 1, viewsLeft: 0 } }]);
    expect(await byRecipient('link.revealFailed')).toMatchObject([{ ...onTheItem, actor: { type: 'anonymous', id: null }, details: { reason: 'usedUp' } }]);
    await extensionOf(w.owner).call(revokeShareLinkRoute, { params: { id } });
    expect(await latest('link.revoked', w.owner)).toMatchObject({ ...onTheItem, details: { linkId: id }, ...FROM_THE_EXTENSION });
  });

  it.runIf(available)('logs a security setting changed by an administrator', async () => {
    await extensionOf(w.owner).call(updateKdfTargetRoute, { body: { iterations: 300_000 } });
    expect(await latest('settings.kdfTarget', w.owner)).toMatchObject({ actor: { type: 'user', id: w.owner.userId }, details: { iterations: 300_000 }, ...FROM_THE_EXTENSION });
  });

  it.runIf(available)('logs a second factor turned on, a wrong code at login, a spent recovery code and a sign-out', async () => {
    const member = w.full;
    const { secret } = await extensionOf(member).call(startTotpRoute);
    const { recoveryCodes } = await extensionOf(member).call(confirmTotpRoute, { body: { code: totpCode({ secret }) } });
    expect(await latest('mfa.enabled', member)).toMatchObject({ target: { type: 'user', id: member.userId }, ...FROM_THE_EXTENSION });

    const browser = createApiClient({ baseUrl: w.server.url, browserMode: true });
    const credentials = { login: member.login, password: `${member.login} login password` };
    // A code from a day ago is wrong now.
    await expectRefusal(browser.call(loginRoute, { body: { ...credentials, totp: totpCode({ secret }, Date.now() - 86_400_000) } }), { status: 401, code: 'mfaInvalid' });
    expect(await latest('login.mfaFailed', member)).toMatchObject({ target: null, details: { login: member.login, secondFactor: 'totp' }, ...FROM_THE_EXTENSION });

    const pair = await browser.call(loginRoute, { body: { ...credentials, recoveryCode: recoveryCodes[0]! } });
    expect(await latest('mfa.recoveryCodeUsed', member)).toMatchObject({ target: { type: 'user', id: member.userId }, ...FROM_THE_EXTENSION });
    const login = await latest('login', member);
    expect(login).toMatchObject({ details: { secondFactor: 'recoveryCode' }, ...FROM_THE_EXTENSION });

    await createApiClient({ baseUrl: w.server.url, browserMode: true, session: { accessToken: () => pair.accessToken } }).call(revokeSessionRoute, { params: { id: 'current' } });
    expect(await latest('logout', member)).toMatchObject({ target: login!.target, ...FROM_THE_EXTENSION });
  });

  describe('POST /api/v1/events', () => {
    const report = (member: TestMember, events: ClientEvent[]) => extensionOf(member).call(reportClientEventsRoute, { body: { events } });

    it.runIf(available)('records a batch of views, copies and fills as one event each, the item’s vault, the caller’s address and mode, both clocks', async () => {
      const item = w.sharedItem;
      const before = Date.now();
      await report(w.reader, [
        { type: 'password.viewed', itemId: item.id, field: 'password', at: before - 60_000 },
        { type: 'password.copied', itemId: item.id, field: 'password', at: 0 },
        { type: 'password.filled', itemId: item.id, at: before + 86_400_000 },
      ]);
      const after = Date.now();
      const [viewed, copied, filled] = await Promise.all(['password.viewed', 'password.copied', 'password.filled'].map((type) => latest(type, w.reader)));
      for (const event of [viewed, copied, filled]) {
        expect(event).toMatchObject({ actor: { type: 'user', id: w.reader.userId }, target: { type: 'item', id: item.id }, vaultId: w.shared.vaultId, ...FROM_THE_EXTENSION });
        expect(event!.occurredAt).toBeGreaterThanOrEqual(before);
        expect(event!.details.receivedAt).toBe(event!.occurredAt);
      }
      expect(viewed!.details).toMatchObject({ fieldId: 'password', fieldType: 'password', revision: item.revision, clientAt: before - 60_000 });
      // A claimed time long past or in the future is held to the window the server accepts.
      expect(copied!.details.clientAt).toBe(copied!.occurredAt - MAX_REPORT_AGE_MS);
      expect(filled!.details.clientAt).toBe(filled!.occurredAt);
      expect(filled!.details).not.toHaveProperty('fieldId');
      expect(filled!.occurredAt).toBeLessThanOrEqual(after);
    });

    it.runIf(available)('refuses with 404 a batch naming an item the caller cannot read, recording none of it', async () => {
      const hidden = await newItem(w.owner, await newVault(w.owner, { name: 'Hidden' }));
      const count = async () => (await recordedEvents(w.server, 'password.viewed', w.reader.userId)).length;
      const before = await count();
      const batch: ClientEvent[] = [
        { type: 'password.viewed', itemId: w.sharedItem.id },
        { type: 'password.viewed', itemId: hidden.id },
      ];
      await expectRefusal(report(w.reader, batch), { status: 404, code: 'notFound', field: 'body.events.1.itemId' });
      await expectRefusal(report(w.outsider, batch.slice(0, 1)), { status: 404, code: 'notFound', field: 'body.events.0.itemId' });
      await expectRefusal(report(w.reader, [{ type: 'password.viewed', itemId: newId() }]), { status: 404, code: 'notFound', field: 'body.events.0.itemId' });
      expect(await count()).toBe(before);
    });

    it.runIf(available)('refuses bad input with a 400 naming it, never a 500', async () => {
      const withNote = await newItem(w.owner, w.shared, { fields: [{ id: 'note', type: 'text', label: 'Note', value: 'not a password' }] });
      const one = { type: 'password.viewed' as const, itemId: w.sharedItem.id };
      await expectRefusal(report(w.reader, []), { status: 400, code: 'validationFailed', field: 'body.events' });
      await expectRefusal(report(w.reader, Array.from({ length: MAX_CLIENT_EVENTS + 1 }, () => one)), { status: 400, code: 'validationFailed', field: 'body.events' });
      await expectRefusal(report(w.reader, [{ ...one, type: 'password.printed' as never }]), { status: 400, code: 'validationFailed', field: 'body.events.0.type' });
      await expectRefusal(report(w.reader, [{ ...one, at: -1 }]), { status: 400, code: 'validationFailed', field: 'body.events.0.at' });
      await expectRefusal(report(w.reader, [{ ...one, field: 'no such field!' }]), { status: 400, code: 'validationFailed', field: 'body.events.0.field' });
      await expectRefusal(report(w.reader, [{ type: 'password.copied', itemId: withNote.id, field: 'note' }]), { status: 400, code: 'validationFailed', field: 'body.events.0.field' });
      await expectRefusal(report(w.reader, [{ type: 'field.copied', itemId: withNote.id, field: 'gone' }]), { status: 404, code: 'notFound', field: 'body.events.0.field' });
      const raw = await fetch(`${w.server.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${w.reader.accessToken}`, 'passwork-masterkeyhash': w.reader.masterKeyHash, 'content-type': 'application/json' }, body: '{"events": [' });
      expect(raw.status).toBe(400);
      // Text fields are reported as fields, and recorded.
      await report(w.reader, [{ type: 'field.copied', itemId: withNote.id, field: 'note' }]);
      expect(await latest('field.copied', w.reader)).toMatchObject({ target: { type: 'item', id: withNote.id }, details: { fieldId: 'note', fieldType: 'text' } });
    });

    it.runIf(available)('gets the reports of the extension’s worker: a copy is queued, and locking sends it before the keys go', async () => {
      const member = w.editor;
      const worker = createKeyholdSession({ local: memoryArea(), session: memoryArea(), caches: createVaultCaches(`keyhold-events-${engine}-${Math.random()}`), version: '1.0.0', browserLanguages: () => ['en-GB'], iterations: 300_000 });
      await worker.setServer(w.server.url);
      await worker.login({ login: member.login, password: `${member.login} login password` });
      await worker.unlock(`${member.login} Master 2026`);
      const copies = async () => (await recordedEvents(w.server, 'password.copied', member.userId)).filter((event) => event.target?.id === w.sharedItem.id);
      expect(await copies()).toEqual([]);
      await worker.copied(w.sharedItem.id, 'password');
      await worker.copied(w.sharedItem.id, 'login');
      await worker.lock();
      expect(await copies()).toEqual([expect.objectContaining({ vaultId: w.shared.vaultId, details: expect.objectContaining({ fieldId: 'password', fieldType: 'password' }), ...FROM_THE_EXTENSION })]);
    });

    it.runIf(available)('records exports and finished imports reported about a vault, and refuses a vault the caller cannot see', async () => {
      const exportId = newId();
      const before = Date.now();
      await extensionOf(w.reader).call(reportClientEventsRoute, {
        body: {
          events: [
            { type: 'vault.exported', vaultId: w.shared.vaultId, format: 'keyhold-archive', exportId, at: before },
            { type: 'import.completed', vaultId: w.shared.vaultId, format: 'bitwarden-json', imported: 12, skipped: 3 },
          ],
        },
      });
      expect(await latest('vault.exported', w.reader)).toMatchObject({ target: { type: 'vault', id: w.shared.vaultId }, vaultId: w.shared.vaultId, details: { format: 'keyhold-archive', exportId, clientAt: before }, ...FROM_THE_EXTENSION });
      expect(await latest('import.completed', w.reader)).toMatchObject({ target: { type: 'vault', id: w.shared.vaultId }, vaultId: w.shared.vaultId, details: { format: 'bitwarden-json', imported: 12, skipped: 3 }, ...FROM_THE_EXTENSION });
      const hidden = await newVault(w.owner, { name: 'Not shared' });
      const refused = extensionOf(w.reader).call(reportClientEventsRoute, { body: { events: [{ type: 'vault.exported', vaultId: hidden.vaultId, format: 'csv', exportId }] } });
      await expectRefusal(refused, { status: 404, code: 'notFound', field: 'body.events.0.vaultId' });
      expect((await recordedEvents(w.server, 'vault.exported', w.reader.userId)).filter((event) => event.vaultId === hidden.vaultId)).toEqual([]);
    });

    it.runIf(available)('needs the caller’s master key hash, as every vault data route', async () => {
      const wrong = createApiClient({ baseUrl: w.server.url, browserMode: true, session: { accessToken: () => w.reader.accessToken }, masterKeyHash: () => '0'.repeat(64) });
      const refused = await wrong.call(reportClientEventsRoute, { body: { events: [{ type: 'password.viewed', itemId: w.sharedItem.id }] } }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ApiRequestError);
      expect((refused as ApiRequestError).code).toBe('masterKeyHashMismatch');
    });
  });
});
