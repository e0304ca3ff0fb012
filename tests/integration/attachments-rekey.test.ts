import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAttachmentRoute, listAttachmentsRoute, putAttachmentPartRoute } from '../../lib/contract/attachments';
import { getItemRoute, rekeyItemRoute, updateItemRoute } from '../../lib/contract/items';
import { fromBase64Url, toBase64Url } from '../../lib/crypto/bytes';
import { deriveSymmetricKey } from '../../lib/crypto/symmetric';
import { createAttachmentTransfers } from '../../lib/session/attachment-transfers';
import { createKeyholdSession } from '../../lib/session/keyhold-session';
import type { EntryEdit } from '../../lib/session/opened-vault';
import { createVaultCaches } from '../../lib/session/vault-caches';
import { memoryArea } from '../../lib/settings/memory-area';
import { sealAttachment } from '../../lib/vault/attachment';
import { newId } from '../../lib/vault/owner-setup';
import { expectRefusal } from '../helpers/route-case';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';

// Files survive a vault key rotation (docs/cryptography.md, "Attachments"): re-keying an entry
// re-wraps every file the server stores for it — on it now, or kept for a revision — under the new
// entry key, through the worker's own rotation code; the server refuses a re-key that leaves one
// out or names one it does not store, and changes nothing then; so is an edit that would move the
// entry to the new vault key (and a fresh entry key) before its files are re-wrapped.

const OWNER = { login: 'owner@files.test', loginPassword: 'login password for the owner', masterPassword: 'Master Password 2026 files' };
let deviceCount = 0;

/** Bytes that differ at every offset from those of another seed. */
const pattern = (length: number, seed: number) => Uint8Array.from({ length }, (_, index) => (index * 31 + seed) % 251);

describe.each(ENGINES)('attachments across a re-key on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let worker: ReturnType<typeof createKeyholdSession>;
  let transfers: ReturnType<typeof createAttachmentTransfers>;
  /** While set, the server's batch route is unreachable: a rotation stops before its re-key. */
  let batchDown = false;

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine });
    const caches = createVaultCaches(`keyhold-rekey-files-${engine}-${++deviceCount}`);
    worker = createKeyholdSession({
      local: memoryArea(),
      session: memoryArea(),
      caches,
      version: '1.0.0',
      browserLanguages: () => ['en-GB'],
      iterations: 300_000,
      now: () => Date.now(),
      fetch: async (input, init) => (batchDown && String(input).endsWith('/api/v1/batch') ? new Response('down', { status: 503 }) : fetch(input, init)),
    });
    await worker.setServer(server.url);
    await worker.setupOwner({ setupToken: server.setupToken()!, organisationName: 'Files', ...OWNER });
    transfers = createAttachmentTransfers(() => worker.admin(async ({ api, vault }) => ({ api, vault })));
  }, 120_000);
  afterAll(() => server?.stop());

  const edit = (name: string): EntryEdit => ({ name, login: 'ops', urls: [], fields: [{ id: 'password', type: 'password', label: 'Password', value: `${name} secret` }], tags: [], colour: null, description: '', favourite: false, folderId: null });

  async function upload(itemId: string, name: string, bytes: Uint8Array): Promise<string> {
    const { uploadId } = await transfers.startUpload(itemId, { name, type: 'application/octet-stream', size: bytes.length });
    for (let offset = 0; offset < bytes.length; offset += 50_000) await transfers.uploadChunk(uploadId, toBase64Url(bytes.subarray(offset, offset + 50_000)));
    return (await transfers.finishUpload(uploadId, itemId)).id;
  }

  async function download(itemId: string, attachmentId: string, revision?: number): Promise<{ name: string; bytes: Uint8Array }> {
    const { downloadId, name } = await transfers.startDownload(itemId, attachmentId, revision);
    const parts: Uint8Array[] = [];
    for (let chunk = await transfers.downloadChunk(downloadId); chunk.data !== null; chunk = await transfers.downloadChunk(downloadId)) parts.push(fromBase64Url(chunk.data, 'chunk'));
    return { name, bytes: Uint8Array.from(parts.flatMap((part) => [...part])) };
  }

  it.skipIf(!available)('re-keys an entry with a live file and one kept by a revision: both open under the new entry key, byte for byte; a re-key that leaves a file out or names another is refused and changes nothing', async () => {
    const live = pattern(200_000, 7);
    const kept = pattern(70_000, 3);
    const { vaultId } = await worker.createVault('Files', 'private');
    const { itemId } = await worker.saveEntry(vaultId, undefined, undefined, edit('Server room'));
    const keptId = await upload(itemId, 'old-contract.pdf', kept);
    const liveId = await upload(itemId, 'floor-plan.png', live);
    await worker.saveEntry(vaultId, itemId, 1, edit('Server room B'));
    await transfers.remove(itemId, keptId);
    // An upload left open under the old entry key: it could never be opened after the re-key.
    const open = await worker.admin(async ({ api, vault }) => {
      const entry = await deriveSymmetricKey((await vault.entryKeyOf(itemId)).entryKey);
      const { body } = await sealAttachment(entry, itemId, newId(), { name: 'half.bin', type: '', size: 10 });
      return (await api.call(createAttachmentRoute, { params: { id: itemId }, body })).id;
    });

    batchDown = true;
    await expect(worker.rotateKey(vaultId)).rejects.toThrow();
    batchDown = false;

    await worker.admin(async ({ api, vault }) => {
      const before = await api.call(getItemRoute, { params: { id: itemId } });
      expect([before.revision, before.entryKey.vaultKeyVersion]).toEqual([2, 1]);
      const stored = (await api.call(listAttachmentsRoute, { params: { id: itemId }, query: { include: 'kept' } })).attachments;
      expect(stored.map((file) => file.id).sort()).toEqual([keptId, liveId].sort());
      const refused = { status: 409, code: 'attachmentsNotRewrapped', field: 'body.attachments' };
      // A client that knows nothing of files.
      await expectRefusal(api.call(rekeyItemRoute, { params: { id: itemId }, body: (await vault.sealRekey(itemId))! }), refused);
      // One left out, one the entry does not have, one named twice.
      const full = (await vault.sealRekey(itemId, stored))!;
      const [first, second] = full.attachments;
      await expectRefusal(api.call(rekeyItemRoute, { params: { id: itemId }, body: { ...full, attachments: [first!] } }), refused);
      await expectRefusal(api.call(rekeyItemRoute, { params: { id: itemId }, body: { ...full, attachments: [first!, second!, { ...second!, id: newId() }] } }), refused);
      await expectRefusal(api.call(rekeyItemRoute, { params: { id: itemId }, body: { ...full, attachments: [first!, { ...second!, id: newId() }] } }), refused);
      await expectRefusal(api.call(rekeyItemRoute, { params: { id: itemId }, body: { ...full, attachments: [first!, first!] } }), refused);
      // An edit under the new vault key carries a fresh entry key too: refused while the files are not re-wrapped.
      const { record: edited } = await vault.sealEdit(itemId, vaultId, edit('Server room C'), 2);
      expect(edited.entryKey.vaultKeyVersion).toBe(2);
      await expectRefusal(api.call(updateItemRoute, { params: { id: itemId }, body: edited }), { ...refused, field: 'body.entryKey' });
      const after = await api.call(getItemRoute, { params: { id: itemId } });
      expect(after).toEqual(before);
      expect((await api.call(listAttachmentsRoute, { params: { id: itemId }, query: { include: 'kept' } })).attachments).toEqual(stored);
    });
    expect((await download(itemId, liveId)).bytes).toEqual(live);

    // The worker's own re-key: sent without files, refused, listed, re-wrapped, sent again.
    expect(await worker.rekey(vaultId)).toEqual({ rekeyed: 1, left: 0 });
    await worker.admin(async ({ api }) => {
      const rekeyed = await api.call(getItemRoute, { params: { id: itemId } });
      expect([rekeyed.revision, rekeyed.entryKey.vaultKeyVersion]).toEqual([3, 2]);
      // The open upload was dropped with the re-key; its uploader starts it again.
      await expectRefusal(api.upload(putAttachmentPartRoute, { params: { id: itemId, attachmentId: open, part: 0 } }, new Uint8Array(79)), { status: 404, code: 'notFound', field: 'param.attachmentId' });
    });
    expect(await download(itemId, liveId)).toEqual({ name: 'floor-plan.png', bytes: live });
    expect(await download(itemId, keptId, 1)).toEqual({ name: 'old-contract.pdf', bytes: kept });
    expect((await transfers.list(itemId)).map((file) => file.name)).toEqual(['floor-plan.png']);
    expect((await transfers.list(itemId, 1)).map((file) => file.name).sort()).toEqual(['floor-plan.png', 'old-contract.pdf']);
    // A file added after the re-key is wrapped under the new entry key and opens like the others.
    const after = pattern(1000, 11);
    const afterId = await upload(itemId, 'after.txt', after);
    expect((await download(itemId, afterId)).bytes).toEqual(after);
  }, 180_000);
});
