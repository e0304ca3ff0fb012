import { randomBytes } from '../../lib/crypto/bytes';
import { verifyCertificate } from '../../lib/crypto/certificates';
import { deriveMasterKey, newKdfParams, passwordBytes } from '../../lib/crypto/kdf';
import { fromBase64Url } from '../../lib/crypto/bytes';
import { pbkdf2Sha256 } from '../../lib/crypto/primitives';
import { createTestOrganisation } from '../../lib/crypto/test-members';
import { generateUserKeys, openUserKeys, sealUserKeys } from '../../lib/crypto/user-keys';
import { openKeyWrap, verifyKeyWrap, wrapKey, type KeyWrap } from '../../lib/crypto/wraps';
import { median, round, type Figure } from '../report';

const ROUNDS = 5;
const VAULTS = 50;
const PASSWORD = 'correct horse battery staple';

/** What an unlock reads from the server: KDF record, sealed keys, granters' certificates, 50 signed wraps. */
async function unlockFixture() {
  const organisation = await createTestOrganisation('org-bench');
  const granters = await Promise.all(['admin-1', 'admin-2', 'admin-3'].map((id) => organisation.addMember(id, 'administrator')));
  const params = newKdfParams();
  const master = await deriveMasterKey(PASSWORD, params);
  const generated = await generateUserKeys();
  const me = await organisation.addMember('me', 'member', generated);
  const sealed = await sealUserKeys(master.key, 'me', generated);
  const wraps: KeyWrap[] = [];
  for (let i = 0; i < VAULTS; i++) {
    const granter = granters[i % granters.length]!;
    wraps.push(await wrapKey({ kind: 'vault', subjectId: `vault-${i}`, keyVersion: 1 }, randomBytes(32), me.certified, { userId: granter.userId, signingKey: granter.keys.signing.privateKey }));
  }
  return { organisation, granters, params, sealed, wraps };
}

type Fixture = Awaited<ReturnType<typeof unlockFixture>>;

/**
 * A full unlock as the worker will do it: certificates and wrap signatures are checked while PBKDF2
 * runs (they need no private key), then the private keys open and the 50 wraps decrypt in parallel.
 */
async function unlock(fixture: Fixture): Promise<number> {
  const started = performance.now();
  const verifyGrants = async () => {
    const granters = new Map(
      await Promise.all(fixture.granters.map(async (granter) => [granter.userId, await verifyCertificate(granter.certificate, fixture.organisation.key.publicKey, { organisationId: 'org-bench' })] as const)),
    );
    return Promise.all(fixture.wraps.map((wrap) => verifyKeyWrap(wrap, { kind: 'vault', subjectId: wrap.subjectId, recipientId: 'me', keyVersion: 1 }, granters.get(wrap.granterId)!)));
  };
  const [master, verified] = await Promise.all([deriveMasterKey(PASSWORD, fixture.params), verifyGrants()]);
  const keys = await openUserKeys(master.key, 'me', fixture.sealed);
  await Promise.all(verified.map((wrap) => openKeyWrap(wrap, keys.encryption.privateKey)));
  return performance.now() - started;
}

async function kdfAlone(fixture: Fixture): Promise<number> {
  const started = performance.now();
  await pbkdf2Sha256(passwordBytes(PASSWORD), fromBase64Url(fixture.params.salt), fixture.params.iterations, 32);
  return performance.now() - started;
}

/** crypto.unlock_ratio: a full unlock at production parameters against PBKDF2 alone, interleaved. */
export async function measureUnlock(log: (line: string) => void): Promise<Figure[]> {
  const fixture = await unlockFixture();
  const unlocks: number[] = [];
  const kdfs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    kdfs.push(await kdfAlone(fixture));
    unlocks.push(await unlock(fixture));
  }
  const unlockMs = median(unlocks);
  const kdfMs = median(kdfs);
  log(`PBKDF2 ${fixture.params.iterations} iterations   ${round(kdfMs)} ms (median of ${ROUNDS})`);
  log(`full unlock, ${VAULTS} vault keys      ${round(unlockMs)} ms (median of ${ROUNDS})`);
  return [
    { name: 'unlock_ms', value: unlockMs, unit: 'ms' },
    { name: 'kdf_ms', value: kdfMs, unit: 'ms' },
    { name: 'unlock_ratio', value: unlockMs / kdfMs, unit: 'x' },
  ];
}
