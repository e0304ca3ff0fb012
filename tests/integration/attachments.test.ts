import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../lib/api/client';
import { completeAttachmentRoute, createAttachmentRoute, deleteAttachmentRoute, downloadAttachmentRoute, listAttachmentsRoute, putAttachmentPartRoute, type Attachment } from '../../lib/contract/attachments';
import { partLength } from '../../lib/contract/attachment-parts';
import { purgeItemRoute, trashItemRoute, updateItemRoute } from '../../lib/contract/items';
import { encryptedBlobSize } from '../../lib/crypto/segmented';
import type { SymmetricKey } from '../../lib/crypto/symmetric';
import { sealAttachment } from '../../lib/vault/attachment';
import { openItem, updateItem } from '../../lib/vault/item';
import { newId } from '../../lib/vault/owner-setup';
import { openDatabase } from '../../server/db/database';
import { downloadHash, patternHash, peakRssDuring, rssOf, serverPid, uploadPattern } from '../helpers/attachment-files';
import type { TestMember } from '../helpers/organisation';
import { ROOT } from '../helpers/paths';
import { createScratchDatabase, testPostgresUrl } from '../helpers/postgres';
import { startServer } from '../helpers/server-process';
import { expectRefusal } from '../helpers/route-case';
import { ENGINES } from '../helpers/test-database';
import { createVaultWorld, newItem, wrongHashClient, type VaultWorld } from '../helpers/vault-fixtures';

// Encrypted attachments (issue #13 item 2; docs/sharing.md "Attachments") over HTTP on both
// engines, through lib/vault/attachment-transfer.ts as every client uses it: files of the sizes
// around a segment boundary and of 50 MB come back byte for byte; a blob damaged in the database,
// or by a hostile server on the way, is refused, never handed over shorter or changed; the server
// keeps removed files for the revisions that had them; and its memory stays flat while 50 MB pass.

const MB = 1_000_000;

/** A client of `member` whose answers go through `rewrite` (a hostile server between client and database). */
function clientThrough(w: VaultWorld, member: TestMember, rewrite: (url: string, response: Response) => Promise<Response>): ApiClient {
  const lying: typeof fetch = async (input, init) => rewrite(String(input), await fetch(input, init));
  return createApiClient({ baseUrl: w.server.url, fetch: lying, session: { accessToken: () => member.accessToken }, masterKeyHash: () => member.masterKeyHash });
}

/** The download answers' bodies replaced by `change` of their bytes. */
const blobRewrite = (change: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>) => async (url: string, response: Response) => {
  if (!/\/attachments\/[\w-]+$/.test(new URL(url).pathname) || !response.ok) return response;
  return new Response(change(new Uint8Array(await response.arrayBuffer())), { status: 200, headers: { 'content-type': 'application/octet-stream' } });
};

/** Runs `keyhold-server backup|restore FILE` on a data directory or database, with a key file. */
function serverCommand(args: string[], where: { dataDir: string; keyFile: string; databaseUrl?: string | undefined }) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: where.databaseUrl ?? '' };
  delete env.KEYHOLD_SERVER_KEY;
  const result = spawnSync(process.execPath, ['dist/server.js', ...args, '--data', where.dataDir, '--key-file', where.keyFile], { cwd: ROOT, encoding: 'utf8', env });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stdout}${result.stderr}`);
  return result.stdout;
}

async function failureCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  throw new Error('expected a failure');
}

describe.each(ENGINES)('attachments on $engine', ({ engine, available }) => {
  let w: VaultWorld;
  let entry: SymmetricKey;

  beforeAll(async () => {
    if (!available) return;
    w = await createVaultWorld(engine);
    entry = (await openItem(w.sharedItem, w.shared)).entry;
  }, 120_000);
  afterAll(() => w?.server.stop());

  /** The server's database, opened beside it (below the server's own layer). */
  async function inDatabase<T>(work: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>): Promise<T> {
    const database = openDatabase({ dataDir: w.server.dataDir, databaseUrl: w.server.postgres?.url });
    try {
      return await work(database.db);
    } finally {
      await database.close();
    }
  }

  it.skipIf(!available).each([0, 1, 65_535, 65_536, 65_537])('round-trips a file of %i bytes, name and content', async (size) => {
    const attachment = await uploadPattern(w.editor.api, entry, w.sharedItem.id, size, `report-${size}.pdf`);
    expect(attachment).toMatchObject({ complete: true, encryptedSize: encryptedBlobSize(size), removedRevision: null, createdBy: w.editor.userId });
    // A reader downloads it.
    expect(await downloadHash(w.reader.api, entry, attachment)).toEqual({ ...(await patternHash(size)), name: `report-${size}.pdf` });
  });

  it.skipIf(!available)("moves 50 MB up and down with the server's memory flat", async () => {
    const pid = serverPid(w.server.dataDir);
    // Warm up (code paths compiled, pools filled) before the baseline is taken.
    await downloadHash(w.owner.api, entry, await uploadPattern(w.owner.api, entry, w.sharedItem.id, 3 * MB));
    const baseline = rssOf(pid);
    const up = await peakRssDuring(pid, () => uploadPattern(w.owner.api, entry, w.sharedItem.id, 50 * MB, 'disk-image.iso'));
    const down = await peakRssDuring(pid, () => downloadHash(w.reader.api, entry, up.result));
    expect(down.result).toEqual({ ...(await patternHash(50 * MB)), name: 'disk-image.iso' });
    const grewMb = (Math.max(up.peak, down.peak) - baseline) / 2 ** 20;
    console.log(`attachments on ${engine}: baseline ${(baseline / 2 ** 20).toFixed(1)} MiB, peak growth ${grewMb.toFixed(1)} MiB while moving 50 MB`);
    expect(grewMb).toBeLessThan(40);
  }, 180_000);

  it.skipIf(!available)('refuses a file over the limit with 413 attachmentTooLarge, before any byte is sent', async () => {
    // The server sees only the encrypted size, which pads to 16 bytes: 16 bytes over is over for sure.
    const { body } = await sealAttachment(entry, w.sharedItem.id, newId(), { name: 'big.bin', type: '', size: 50 * MB + 16 });
    await expectRefusal(w.owner.api.call(createAttachmentRoute, { params: { id: w.sharedItem.id }, body }), { status: 413, code: 'attachmentTooLarge', field: 'body.encryptedSize' });
    const atLimit = await sealAttachment(entry, w.sharedItem.id, newId(), { name: 'fits.bin', type: '', size: 50 * MB });
    expect(await w.owner.api.call(createAttachmentRoute, { params: { id: w.sharedItem.id }, body: atLimit.body })).toMatchObject({ complete: false });
  });

  it.skipIf(!available)('takes parts in order, a retried part again, and completes only when all are there', async () => {
    const size = 2 * MB;
    const { body } = await sealAttachment(entry, w.sharedItem.id, newId(), { name: 'parts.bin', type: '', size });
    const params = { id: w.sharedItem.id, attachmentId: body.id };
    await w.owner.api.call(createAttachmentRoute, { params: { id: w.sharedItem.id }, body });
    const part = (n: number) => new Uint8Array(partLength(body.encryptedSize, n));
    await expectRefusal(w.owner.api.upload(putAttachmentPartRoute, { params: { ...params, part: 1 } }, part(1)), { status: 409, code: 'conflict', field: 'param.part' });
    await expectRefusal(w.owner.api.upload(putAttachmentPartRoute, { params: { ...params, part: 0 } }, new Uint8Array(10)), { status: 400, code: 'validationFailed', field: 'body' });
    await w.owner.api.upload(putAttachmentPartRoute, { params: { ...params, part: 0 } }, part(0));
    await w.owner.api.upload(putAttachmentPartRoute, { params: { ...params, part: 0 } }, part(0));
    await expectRefusal(w.owner.api.call(completeAttachmentRoute, { params }), { status: 409, code: 'conflict', field: 'param.attachmentId' });
    await expectRefusal(w.owner.api.download(downloadAttachmentRoute, { params }), { status: 409, code: 'conflict', field: 'param.attachmentId' });
  });

  it.skipIf(!available)('refuses a blob damaged in the database, below the server layer', async () => {
    const [flipped, swapped, cut] = await Promise.all([1, 2, 3].map(() => uploadPattern(w.owner.api, entry, w.sharedItem.id, 200_000)));
    await inDatabase(async (db) => {
      const chunk = await db.selectFrom('attachment_chunks').select('data').where('attachment_id', '=', flipped!.id).where('idx', '=', 1).executeTakeFirstOrThrow();
      const middle = Math.floor(chunk.data.length / 2);
      const damaged = chunk.data.slice(0, middle) + (chunk.data[middle] === 'A' ? 'B' : 'A') + chunk.data.slice(middle + 1);
      await db.updateTable('attachment_chunks').set({ data: damaged }).where('attachment_id', '=', flipped!.id).where('idx', '=', 1).execute();
      // Chunks 1 and 2 trade places: each is whole, but sealed for the other's index.
      const [one, two] = await Promise.all([1, 2].map((idx) => db.selectFrom('attachment_chunks').select('data').where('attachment_id', '=', swapped!.id).where('idx', '=', idx).executeTakeFirstOrThrow()));
      await db.updateTable('attachment_chunks').set({ data: two!.data }).where('attachment_id', '=', swapped!.id).where('idx', '=', 1).execute();
      await db.updateTable('attachment_chunks').set({ data: one!.data }).where('attachment_id', '=', swapped!.id).where('idx', '=', 2).execute();
      await db.deleteFrom('attachment_chunks').where('attachment_id', '=', cut!.id).where('idx', '=', 3).execute();
    });
    expect(await failureCode(downloadHash(w.reader.api, entry, flipped!))).toBe('truncated');
    expect(await failureCode(downloadHash(w.reader.api, entry, swapped!))).toBe('truncated');
    expect(await failureCode(downloadHash(w.reader.api, entry, cut!))).toBe('internal');
  });

  it.skipIf(!available)('refuses a blob a hostile server changed, cut or swapped on the way', async () => {
    const attachment = await uploadPattern(w.owner.api, entry, w.sharedItem.id, 200_000);
    const other = await uploadPattern(w.owner.api, entry, w.sharedItem.id, 200_000);
    const through = (change: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>) => clientThrough(w, w.reader, blobRewrite(change));
    const flipped = (bytes: Uint8Array<ArrayBuffer>) => bytes.map((byte, i) => (i === 100_000 ? byte ^ 1 : byte));
    expect(await failureCode(downloadHash(through(flipped), entry, attachment))).toBe('authenticationFailed');
    // Cut after the second segment (a segment boundary): the second then poses as the last.
    expect(await failureCode(downloadHash(through((bytes) => bytes.subarray(0, 5 + 2 * 65_600)), entry, attachment))).toBe('authenticationFailed');
    expect(await failureCode(downloadHash(through((bytes) => bytes.subarray(0, bytes.length - 7)), entry, attachment))).toBe('truncated');
    // Another file's blob served for this one: every segment is bound to its attachment.
    const otherBlob = new Uint8Array(await (await w.reader.api.download(downloadAttachmentRoute, { params: { id: other.itemId, attachmentId: other.id } })).arrayBuffer());
    expect(await failureCode(downloadHash(through(() => otherBlob), entry, attachment))).toBe('authenticationFailed');
    // Another file's name and key served for this one.
    expect(await failureCode(downloadHash(w.reader.api, entry, { ...attachment, metadata: other.metadata, wrappedKey: other.wrappedKey }))).toBe('authenticationFailed');
  });

  it.skipIf(!available)('keeps a removed file for the revision that had it, and forgets one no revision had', async () => {
    const item = await newItem(w.owner, w.shared, { name: 'Certificates' });
    const itemEntry = (await openItem(item, w.shared)).entry;
    const kept = await uploadPattern(w.owner.api, itemEntry, item.id, 1000, 'ca.pem');
    const next = await w.owner.api.call(updateItemRoute, { params: { id: item.id }, body: await updateItem(item, w.shared, { description: 'renewed' }) });
    expect(next.revision).toBe(2);
    const fresh = await uploadPattern(w.owner.api, itemEntry, item.id, 1000, 'new-ca.pem');
    await w.editor.api.call(deleteAttachmentRoute, { params: { id: item.id, attachmentId: kept.id } });
    await w.editor.api.call(deleteAttachmentRoute, { params: { id: item.id, attachmentId: fresh.id } });
    expect((await w.reader.api.call(listAttachmentsRoute, { params: { id: item.id }, query: {} })).attachments).toEqual([]);
    const atOne = (await w.reader.api.call(listAttachmentsRoute, { params: { id: item.id }, query: { revision: 1 } })).attachments;
    expect(atOne.map((attachment) => [attachment.id, attachment.removedRevision])).toEqual([[kept.id, 2]]);
    expect(await downloadHash(w.reader.api, itemEntry, atOne[0]!)).toEqual({ ...(await patternHash(1000)), name: 'ca.pem' });
    await expectRefusal(w.reader.api.download(downloadAttachmentRoute, { params: { id: item.id, attachmentId: fresh.id } }), { status: 404, code: 'notFound', field: 'param.attachmentId' });
    await expectRefusal(w.reader.api.call(listAttachmentsRoute, { params: { id: item.id }, query: { revision: 3 } }), { status: 404, code: 'notFound', field: 'query.revision' });
  });

  it.skipIf(!available)('rights: readers list and download, editors add and remove, outsiders see nothing', async () => {
    const attachment = await uploadPattern(w.editor.api, entry, w.sharedItem.id, 10);
    const { body } = await sealAttachment(entry, w.sharedItem.id, newId(), { name: 'x', type: '', size: 1 });
    await expectRefusal(w.reader.api.call(createAttachmentRoute, { params: { id: w.sharedItem.id }, body }), { status: 403, code: 'forbidden' });
    await expectRefusal(w.reader.api.call(deleteAttachmentRoute, { params: { id: w.sharedItem.id, attachmentId: attachment.id } }), { status: 403, code: 'forbidden' });
    await expectRefusal(w.outsider.api.download(downloadAttachmentRoute, { params: { id: w.sharedItem.id, attachmentId: attachment.id } }), { status: 404, code: 'notFound' });
    const listed: Attachment[] = (await w.reader.api.call(listAttachmentsRoute, { params: { id: w.sharedItem.id }, query: {} })).attachments;
    expect(listed.some((candidate) => candidate.id === attachment.id)).toBe(true);
  });

  it.skipIf(!available)('needs the master key hash for every write and read, as every vault data route', async () => {
    const attachment = await uploadPattern(w.editor.api, entry, w.sharedItem.id, 10);
    const wrong = wrongHashClient(w.server, w.editor);
    const mismatch = { status: 403, code: 'masterKeyHashMismatch' };
    const { body } = await sealAttachment(entry, w.sharedItem.id, newId(), { name: 'x', type: '', size: 1 });
    await expectRefusal(wrong.call(createAttachmentRoute, { params: { id: w.sharedItem.id }, body }), mismatch);
    await expectRefusal(wrong.upload(putAttachmentPartRoute, { params: { id: w.sharedItem.id, attachmentId: attachment.id, part: 0 } }, new Uint8Array(10)), mismatch);
    await expectRefusal(wrong.download(downloadAttachmentRoute, { params: { id: w.sharedItem.id, attachmentId: attachment.id } }), mismatch);
    await expectRefusal(wrong.call(deleteAttachmentRoute, { params: { id: w.sharedItem.id, attachmentId: attachment.id } }), mismatch);
  });

  it.skipIf(!available)('purging the entry deletes its files and their blobs', async () => {
    const item = await newItem(w.owner, w.shared, { name: 'Old server' });
    const attachment = await uploadPattern(w.owner.api, (await openItem(item, w.shared)).entry, item.id, 150_000);
    await w.owner.api.call(trashItemRoute, { params: { id: item.id } });
    await w.owner.api.call(purgeItemRoute, { params: { id: item.id } });
    const left = await inDatabase(async (db) => ({
      attachments: (await db.selectFrom('attachments').select('id').where('id', '=', attachment.id).execute()).length,
      chunks: (await db.selectFrom('attachment_chunks').select('idx').where('attachment_id', '=', attachment.id).execute()).length,
    }));
    expect(left).toEqual({ attachments: 0, chunks: 0 });
  });
  it.skipIf(!available)('a backup holds the files, and a server restored from it serves them byte for byte', async () => {
    const attachment = await uploadPattern(w.owner.api, entry, w.sharedItem.id, 3 * MB, 'backup-me.tar');
    const file = join(mkdtempSync(join(tmpdir(), 'keyhold-attachments-backup-')), 'backup.jsonl');
    // Taken while the server runs, as an operator would.
    serverCommand(['backup', file], { dataDir: w.server.dataDir, keyFile: w.server.keyFile, databaseUrl: w.server.postgres?.url });
    const tables = new Set(readFileSync(file, 'utf8').split('\n').slice(1, -1).map((line) => (JSON.parse(line) as { table: string }).table));
    expect([...tables]).toEqual(expect.arrayContaining(['attachments', 'attachment_chunks']));
    const home = mkdtempSync(join(tmpdir(), 'keyhold-attachments-restored-'));
    mkdirSync(join(home, 'keys'));
    copyFileSync(w.server.keyFile, join(home, 'keys', 'server-key.json'));
    const scratch = engine === 'postgres' ? await createScratchDatabase(testPostgresUrl()!) : undefined;
    serverCommand(['restore', file], { dataDir: join(home, 'data'), keyFile: join(home, 'keys', 'server-key.json'), databaseUrl: scratch?.url });
    const restored = await startServer({ home, engine, ...(scratch ? { databaseUrl: scratch.url } : {}) });
    try {
      // The sessions came back too: the reader's own token works on the restored server.
      const reader = createApiClient({ baseUrl: restored.url, session: { accessToken: () => w.reader.accessToken }, masterKeyHash: () => w.reader.masterKeyHash });
      expect(await downloadHash(reader, entry, attachment)).toEqual({ ...(await patternHash(3 * MB)), name: 'backup-me.tar' });
    } finally {
      await restored.stop();
      await scratch?.drop();
    }
  }, 120_000);
});
