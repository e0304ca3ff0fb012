import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api/client';
import { loginRoute, refreshRoute } from '../../lib/contract/sessions';
import { setupRoute } from '../../lib/contract/setup';
import { prepareOwnerSetup } from '../../lib/vault/owner-setup';
import { startServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';
import { TEST_POLICY } from '../helpers/policy';

// After storing known secrets through lib/api, nothing the server keeps — database files, a
// PostgreSQL dump, its logs — may contain a secret in clear, nor a client ciphertext in any usual
// encoding (the server must have sealed it again).

const MASTER_PASSWORD = 'Zero Knowledge Master 2026 ✓';
const LOGIN_PASSWORD = 'zero knowledge login password';

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

describe.each(ENGINES)('zero knowledge on $engine', ({ engine, available }) => {
  it.skipIf(!available)('no secret or client ciphertext is readable in what the server stores or logs', async () => {
    const server = await startServer({ engine });
    const setupToken = server.setupToken()!;
    const { request, masterKey } = await prepareOwnerSetup({ policy: TEST_POLICY, setupToken, organisationName: 'Acme', login: 'owner@acme.test', loginPassword: LOGIN_PASSWORD, masterPassword: MASTER_PASSWORD, iterations: 300_000 });
    const api = createApiClient({ baseUrl: server.url });
    await api.call(setupRoute, { body: request });
    const pair = await api.call(loginRoute, { body: { login: 'owner@acme.test', password: LOGIN_PASSWORD } });
    const rotated = await api.call(refreshRoute, { body: { refreshToken: pair.refreshToken } });

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
    };
    await server.stop();
    expect(Object.keys(haystacks).length).toBeGreaterThan(1);
    expect(findLeaks(haystacks, secrets)).toEqual([]);
    // The scan itself works: the login is stored in clear by design, and is found.
    expect(findLeaks(haystacks, { login: encodings('owner@acme.test', 'text') })).not.toEqual([]);
  });
});
