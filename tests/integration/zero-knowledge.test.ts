import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api/client';
import { createItemRoute, getItemRoute, updateItemRoute } from '../../lib/contract/items';
import { loginRoute, refreshRoute } from '../../lib/contract/sessions';
import { setupRoute } from '../../lib/contract/setup';
import { createVaultRoute } from '../../lib/contract/vaults';
import { verifyCertificate } from '../../lib/crypto/certificates';
import { pinnedOrganisationKey } from '../../lib/crypto/organisation';
import { sealNewItem, updateItem, type ItemInput, type ItemRecord } from '../../lib/vault/item';
import { newId, prepareOwnerSetup } from '../../lib/vault/owner-setup';
import { prepareVault } from '../../lib/vault/vault-keys';
import { openDatabase } from '../../server/db/database';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';
import { TEST_POLICY } from '../helpers/policy';
import { signInAndUnlock } from '../helpers/unlock';

// After storing known secrets through lib/api, nothing the server keeps — database files, a
// PostgreSQL dump, every column of every table, its logs — may contain a secret in clear, nor a
// client ciphertext in any usual encoding (the server must have sealed it again). The metadata
// that is clear by design (an item's name, login and URLs) must be found, where it belongs: so the
// scan is shown to see what it looks for.

const MASTER_PASSWORD = 'Zero Knowledge Master 2026 ✓';
const LOGIN_PASSWORD = 'zero knowledge login password';
const LOGIN = 'owner@acme.test';

/** An item whose every secret is recognisable. */
const ITEM: ItemInput = {
  folderId: null,
  name: 'ZK Quokka Bank',
  login: 'zk.login@quokka-bank.test',
  urls: [{ url: 'https://quokka-bank.test/zk-signin', match: 'domain' }],
  fields: [
    { id: 'password', type: 'password', label: 'Password', value: 'ZK item password Quokka 4711' },
    { id: 'totp', type: 'totp', label: 'One-time code', value: 'QUOKKAZEROKNOWLEDGETOTPSECRETAB' },
    { id: 'notes', type: 'notes', label: 'Notes', value: 'ZK secret notes: the spare key is under the quokka ✓' },
    { id: 'pin', type: 'password', label: 'Safe PIN', value: 'ZK custom field 90210' },
  ],
  tags: ['zk-tag'],
  colour: null,
  description: 'ZK description',
  favourite: false,
};
const ROTATED_PASSWORD = 'ZK rotated password Wombat 8812';

function encodings(value: string, kind: 'text' | 'ciphertext'): Buffer[] {
  if (kind === 'text') return [Buffer.from(value, 'utf8'), Buffer.from(value, 'utf16le')];
  const raw = Buffer.from(value, 'base64url');
  return [raw, Buffer.from(raw.toString('base64')), Buffer.from(value), Buffer.from(raw.toString('hex'))];
}

function findLeaks(haystacks: Record<string, Buffer>, secrets: Record<string, Buffer[]>): string[] {
  const leaks: string[] = [];
  for (const [where, haystack] of Object.entries(haystacks)) {
    for (const [what, forms] of Object.entries(secrets)) if (forms.some((form) => haystack.includes(form))) leaks.push(`${what} in ${where}`);
  }
  return leaks;
}

/** Every column of every table, each as one haystack named `table.column`. */
async function columnsOf(server: RunningServer): Promise<Record<string, Buffer>> {
  const { db, close } = openDatabase({ dataDir: server.dataDir, databaseUrl: server.postgres?.url });
  try {
    const haystacks: Record<string, Buffer> = {};
    for (const table of await db.introspection.getTables()) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- every table, whatever its type
      const rows = (await (db as any).selectFrom(table.name).selectAll().execute()) as Record<string, unknown>[];
      for (const column of table.columns) haystacks[`${table.name}.${column.name}`] = Buffer.from(rows.map((row) => String(row[column.name])).join('\n'));
    }
    return haystacks;
  } finally {
    await close();
  }
}

/** The owner unlocks and stores ITEM in a new vault, then changes its password (keeping revision 1). */
async function storeItem(server: RunningServer, fingerprint: string): Promise<{ revisions: ItemRecord[]; vaultWrap: string }> {
  const { api, me, keys } = await signInAndUnlock(server, LOGIN, LOGIN_PASSWORD, MASTER_PASSWORD);
  const organisationKey = await pinnedOrganisationKey(me.organisationKey, fingerprint);
  const certified = await verifyCertificate(me.certificate!, organisationKey, { organisationId: me.organisationId, userId: me.id });
  const { request, vaultKey } = await prepareVault({ id: newId(), kind: 'private', name: 'ZK vault', me: certified, signingKey: keys.signing.privateKey });
  await api.call(createVaultRoute, { body: request });
  const first = await sealNewItem(vaultKey, newId(), ITEM);
  await api.call(createItemRoute, { body: first });
  const fields = ITEM.fields.map((field) => (field.id === 'password' ? { ...field, value: ROTATED_PASSWORD } : field));
  const second = await updateItem(await api.call(getItemRoute, { params: { id: first.id } }), vaultKey, { fields });
  await api.call(updateItemRoute, { params: { id: first.id }, body: second });
  return { revisions: [first, second], vaultWrap: request.wraps[0]!.wrappedKey };
}

/** Each client ciphertext of each revision: every field value and the entry-key wrap. */
function itemCiphertexts(revisions: ItemRecord[]): Record<string, Buffer[]> {
  const secrets: Record<string, Buffer[]> = {};
  for (const record of revisions) {
    for (const field of record.fields) secrets[`revision ${record.revision} ${field.id} ciphertext`] = encodings(field.value, 'ciphertext');
    secrets[`revision ${record.revision} entry-key wrap`] = encodings(record.entryKey.wrapped, 'ciphertext');
  }
  return secrets;
}

describe.each(ENGINES)('zero knowledge on $engine', ({ engine, available }) => {
  it.skipIf(!available)('no secret or client ciphertext is readable in what the server stores or logs; clear metadata is', async () => {
    const server = await startServer({ engine });
    const setupToken = server.setupToken()!;
    const { request, masterKey, organisationFingerprint } = await prepareOwnerSetup({ policy: TEST_POLICY, setupToken, organisationName: 'Acme', login: LOGIN, loginPassword: LOGIN_PASSWORD, masterPassword: MASTER_PASSWORD, iterations: 300_000 });
    const api = createApiClient({ baseUrl: server.url });
    await api.call(setupRoute, { body: request });
    const pair = await api.call(loginRoute, { body: { login: LOGIN, password: LOGIN_PASSWORD } });
    const rotated = await api.call(refreshRoute, { body: { refreshToken: pair.refreshToken } });
    const { revisions, vaultWrap } = await storeItem(server, organisationFingerprint);

    const haystacks: Record<string, Buffer> = {};
    if (engine === 'postgres') haystacks['pg_dump'] = execFileSync('pg_dump', ['--data-only', server.postgres!.url]);
    await server.halt();
    haystacks['log'] = Buffer.from(server.output().replace(setupToken, '<printed once on the console>'));
    if (engine === 'sqlite') {
      for (const file of ['keyhold.sqlite', 'keyhold.sqlite-wal', 'keyhold.sqlite-shm']) {
        const path = join(server.dataDir, file);
        if (existsSync(path)) haystacks[file] = readFileSync(path);
      }
    }
    const columns = await columnsOf(server);
    Object.assign(haystacks, columns);

    const secrets: Record<string, Buffer[]> = {
      'master password': encodings(MASTER_PASSWORD, 'text'),
      'login password': encodings(LOGIN_PASSWORD, 'text'),
      'master key hash': encodings(masterKey.hash, 'text'),
      'setup token': encodings(setupToken, 'text'),
      'access token': encodings(rotated.accessToken, 'text'),
      'refresh token': encodings(rotated.refreshToken, 'text'),
      'encrypted RSA private key': encodings(request.owner.encryptionKey.encryptedPkcs8, 'ciphertext'),
      'encrypted signing key': encodings(request.owner.signingKey.encryptedPkcs8, 'ciphertext'),
      'encrypted organisation key': encodings(request.organisation.encryptedPrivateKey, 'ciphertext'),
      'wrapped organisation KEK': encodings(request.organisationKeyWrap.wrappedKey, 'ciphertext'),
      'wrapped vault key': encodings(vaultWrap, 'ciphertext'),
      ...Object.fromEntries(ITEM.fields.map((field) => [`item ${field.id}`, encodings(field.value, 'text')])),
      'rotated item password': encodings(ROTATED_PASSWORD, 'text'),
      ...itemCiphertexts(revisions),
    };
    await server.stop();
    expect(Object.keys(columns)).toEqual(expect.arrayContaining(['items.secrets', 'item_revisions.record', 'key_wraps.wrap', 'users.sealed_private_keys']));
    expect(findLeaks(haystacks, secrets)).toEqual([]);
    // The scan itself works: what is clear by design is found, in its own column.
    expect(findLeaks(columns, { login: encodings(LOGIN, 'text') })).toContain('login in users.login');
    const clear = { 'item name': encodings(ITEM.name, 'text'), 'item login': encodings(ITEM.login, 'text'), 'item URL': encodings(ITEM.urls[0]!.url, 'text') };
    const found = findLeaks(columns, clear);
    expect(found).toEqual(expect.arrayContaining(['item URL in items.urls', 'item login in items.login', 'item name in items.name']));
    // …and nowhere but the item's metadata columns (search_text is their lowercased copy).
    expect(found.filter((leak) => !/ in items\.(name|login|urls|search_text)$/.test(leak))).toEqual([]);
  });
});
