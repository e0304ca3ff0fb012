import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../cli/exit-codes';
import { createCliWorld, type CliWorld } from '../helpers/cli-world';
import { keyhold, tempConfigDir } from '../helpers/keyhold-cli';
import { ROOT } from '../helpers/paths';
import { recordedEvents } from '../helpers/recorded-events';
import { ENGINES } from '../helpers/test-database';
import { newVault } from '../helpers/vault-fixtures';

// `keyhold import` and `keyhold export` as people run them, against a real server on each engine:
// a Bitwarden file imported twice creates its entries once; the Engineering vault exported as an
// encrypted archive and imported into a fresh member's empty vault gives the same entries; the
// archive refuses a wrong password and a changed byte; plain exports need a confirmation; each
// export and import leaves its event.

const BITWARDEN = join(ROOT, 'tests/fixtures/import/bitwarden/personal.json');
const OWNER = { login: 'owner@acme.test', loginPassword: 'login password for the owner', masterPassword: 'Master Password 2026 owner' };
const ARCHIVE_PASSWORD = 'a long archive password ✓ 2026';

type PlainExport = { entries: Record<string, unknown>[] };

/** The entries of a plain JSON export without the vault name, in a stable order. */
function entriesOf(file: string): Record<string, unknown>[] {
  const plain = JSON.parse(readFileSync(file, 'utf8')) as PlainExport;
  return plain.entries.map(({ vault: _vault, ...entry }) => entry).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe.each(ENGINES)('keyhold import and export on $engine', ({ engine, available }) => {
  let world: CliWorld;
  let work: string;
  let owner: Record<string, string>;
  let fresh: Record<string, string>;
  let freshUserId: string;

  async function loggedIn(login: string, loginPassword: string, masterPassword: string): Promise<Record<string, string>> {
    const env = { KEYHOLD_CONFIG_DIR: tempConfigDir(), KEYHOLD_MASTER_PASSWORD: masterPassword };
    const result = await keyhold(['login', '--server', world.server.url, '--login', login], { env: { ...env, KEYHOLD_LOGIN_PASSWORD: loginPassword } });
    expect(result.code).toBe(0);
    return env;
  }

  beforeAll(async () => {
    if (!available) return;
    world = await createCliWorld(engine);
    work = tempConfigDir();
    owner = await loggedIn(OWNER.login, OWNER.loginPassword, OWNER.masterPassword);
    const member = await world.organisation.addMember('fresh@acme.test');
    freshUserId = member.userId;
    await newVault(member, { kind: 'private', name: 'Moved in' });
    fresh = await loggedIn('fresh@acme.test', 'fresh@acme.test login password', 'fresh@acme.test Master 2026');
  }, 180_000);

  afterAll(async () => {
    await world?.server.stop();
  });

  it.skipIf(!available)('imports a Bitwarden file under a folder, and importing it again creates nothing new', async () => {
    const first = await keyhold(['import', BITWARDEN, '--format', 'bitwarden-json', '--vault', 'Engineering', '--folder', 'From Bitwarden'], { env: owner });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const imported = Number(/Imported (\d+) entr/.exec(first.stdout)?.[1]);
    expect(imported).toBeGreaterThan(0);
    const listed = await keyhold(['ls', 'Engineering', '--folder', 'From Bitwarden', '--format', 'json'], { env: owner });
    expect((JSON.parse(listed.stdout) as { items: unknown[] }).items).toHaveLength(imported);
    expect(await keyhold(['get', 'keyhold://Engineering/From Bitwarden/Work/Servers/Build server/password'], { env: owner })).toMatchObject({ code: 0, stdout: 'p@ss, "word" 1\n' });

    const again = await keyhold(['import', BITWARDEN, '--format', 'bitwarden-json', '--vault', 'Engineering', '--folder', 'From Bitwarden'], { env: owner });
    expect(again.stdout).toContain('Imported 0 entries');
    expect(again.stdout.match(/already in the vault/g)?.length).toBeGreaterThanOrEqual(imported);
    const listedAgain = await keyhold(['ls', 'Engineering', '--folder', 'From Bitwarden', '--format', 'json'], { env: owner });
    expect((JSON.parse(listedAgain.stdout) as { items: unknown[] }).items).toHaveLength(imported);
    const events = await recordedEvents(world.server, 'import.completed', world.owner.userId);
    expect(events.map((event) => event.details)).toEqual([expect.objectContaining({ format: 'bitwarden-json', imported, skipped: expect.any(Number) }), expect.objectContaining({ format: 'bitwarden-json', imported: 0 })]);
  });

  it.skipIf(!available)('moves a vault through an encrypted archive into a fresh account with the same entries', async () => {
    const archive = join(work, `engineering-${engine}.khar`);
    const exported = await keyhold(['export', '--format', 'archive', '--vault', 'Engineering', '--output', archive], { env: { ...owner, KEYHOLD_ARCHIVE_PASSWORD: ARCHIVE_PASSWORD } });
    expect(exported.code).toBe(0);
    expect(readFileSync(archive).subarray(0, 8).toString()).toBe('KHARCHIV');
    expect(readFileSync(archive).includes(Buffer.from('build-server-pw-1'))).toBe(false);
    const events = await recordedEvents(world.server, 'vault.exported', world.owner.userId);
    expect(events.at(-1)).toMatchObject({ vaultId: world.engineering.vaultId, details: { format: 'keyhold-archive' } });

    const imported = await keyhold(['import', archive, '--format', 'keyhold-archive', '--vault', 'Moved in'], { env: { ...fresh, KEYHOLD_ARCHIVE_PASSWORD: ARCHIVE_PASSWORD } });
    expect(imported.code).toBe(0);
    const source = join(work, `source-${engine}.json`);
    const moved = join(work, `moved-${engine}.json`);
    expect((await keyhold(['export', '--format', 'json', '--vault', 'Engineering', '--output', source, '--yes-plaintext'], { env: owner })).code).toBe(0);
    expect((await keyhold(['export', '--format', 'json', '--vault', 'Moved in', '--output', moved, '--yes-plaintext'], { env: fresh })).code).toBe(0);
    expect(entriesOf(moved)).toEqual(entriesOf(source));
    expect((await recordedEvents(world.server, 'vault.exported', freshUserId)).at(-1)).toMatchObject({ details: { format: 'json' } });
  });

  it.skipIf(!available)('refuses an archive with a wrong password or a changed byte, and creates nothing', async () => {
    const archive = join(work, `refused-${engine}.khar`);
    expect((await keyhold(['export', '--format', 'archive', '--vault', 'Engineering', '--output', archive], { env: { ...owner, KEYHOLD_ARCHIVE_PASSWORD: ARCHIVE_PASSWORD } })).code).toBe(0);
    const wrong = await keyhold(['import', archive, '--format', 'keyhold-archive', '--vault', 'Moved in'], { env: { ...fresh, KEYHOLD_ARCHIVE_PASSWORD: 'not the archive password' } });
    expect(wrong.code).toBe(EXIT.wrongCredentials);
    expect(wrong.stderr).toContain('archive password is wrong');
    const bytes = readFileSync(archive);
    bytes[bytes.length - 100]! ^= 0x01;
    const tampered = join(work, `tampered-${engine}.khar`);
    writeFileSync(tampered, bytes);
    const changed = await keyhold(['import', tampered, '--format', 'keyhold-archive', '--vault', 'Moved in'], { env: { ...fresh, KEYHOLD_ARCHIVE_PASSWORD: ARCHIVE_PASSWORD } });
    expect(changed.code).toBe(EXIT.verificationFailed);
    expect((await recordedEvents(world.server, 'import.completed', freshUserId)).length).toBe(1);
  });

  it.skipIf(!available)('asks for a confirmation before a plain export, and leaves people-only commands to people', async () => {
    const plain = await keyhold(['export', '--format', 'csv', '--output', join(work, `refused-${engine}.csv`)], { env: owner });
    expect(plain.code).toBe(EXIT.usage);
    expect(plain.stderr).toContain('--yes-plaintext');
    const machine = await keyhold(['export', '--format', 'archive', '--output', join(work, `machine-${engine}.khar`)], { env: { ...owner, KEYHOLD_ACCESS_KEY: 'khak1.whatever', KEYHOLD_ARCHIVE_PASSWORD: ARCHIVE_PASSWORD } });
    expect(machine.code).toBe(EXIT.noAccess);
    const csvFile = join(work, `all-${engine}.csv`);
    expect((await keyhold(['export', '--format', 'csv', '--output', csvFile, '--yes-plaintext'], { env: owner })).code).toBe(0);
    const csv = readFileSync(csvFile, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('vault,folder,name,login,password,url,urls,totp,notes,tags,fields');
    expect(csv).toContain('owner-only-pw');
  });
});
