import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../lib/vault/totp';
import { EXIT } from '../../cli/exit-codes';
import { MASK } from '../../cli/run/secret-masker';
import { createCliWorld, TOTP_SECRET, type CliWorld } from '../helpers/cli-world';
import { keyhold, tempConfigDir } from '../helpers/keyhold-cli';
import { ROOT } from '../helpers/paths';
import { ENGINES } from '../helpers/test-database';

// The bundled `keyhold` against a real server on each engine, as a member with read access to one
// company vault: login, get, run, inject and ls, and the failures a CI job must be able to tell apart.

const CAFE = 'keyhold://Engineering/Caf%C3%A9%20%E2%98%95%20Prod%2FEU/Password';
const MASKED = MASK.toString();

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe.each(ENGINES)('keyhold CLI on $engine', ({ engine, available }) => {
  let world: CliWorld;
  let config: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    if (!available) return;
    world = await createCliWorld(engine);
    config = tempConfigDir();
    env = { KEYHOLD_CONFIG_DIR: config, KEYHOLD_MASTER_PASSWORD: world.readerSecrets.masterPassword };
    const { login, loginPassword } = world.readerSecrets;
    const result = await keyhold(['login', '--server', world.server.url, '--login', login], { env: { ...env, KEYHOLD_LOGIN_PASSWORD: loginPassword } });
    expect(result.stderr).toContain('logged in');
    expect(result.code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await world?.server.stop();
  });

  it.skipIf(!available)('keeps the login private: folder 0700, files 0600, no master key in them', () => {
    expect(statSync(config).mode & 0o777).toBe(0o700);
    for (const file of ['login.json', 'tokens.json', 'pins.json']) expect(statSync(join(config, file)).mode & 0o777).toBe(0o600);
    const stored = readFileSync(join(config, 'login.json'), 'utf8');
    expect(stored).toContain('encryptedPkcs8');
    expect(stored).not.toContain(world.readerSecrets.masterPassword);
    expect(stored).not.toContain(world.reader.masterKeyHash);
  });

  it.skipIf(!available)('refuses to log in when the organisation key is not the one pinned for the server (exit 10)', async () => {
    const pinned = tempConfigDir();
    writeFileSync(join(pinned, 'pins.json'), JSON.stringify({ [new URL(world.server.url).origin]: 'ab'.repeat(32) }));
    const { login, loginPassword } = world.readerSecrets;
    const result = await keyhold(['login', '--server', world.server.url, '--login', login], { env: { ...env, KEYHOLD_CONFIG_DIR: pinned, KEYHOLD_LOGIN_PASSWORD: loginPassword } });
    expect(result.code).toBe(EXIT.verificationFailed);
    expect(result.stderr).toContain("The organisation's signing key is not the one this device trusts.");
    expect(statSync(join(pinned, 'pins.json')).size).toBeGreaterThan(0);
    expect(() => statSync(join(pinned, 'login.json'))).toThrow();
  });

  it.skipIf(!available)('gets a field by names through a folder path, and by ids', async () => {
    const byName = await keyhold(['get', 'keyhold://Engineering/Servers/Build/Build server/password'], { env });
    expect(byName).toMatchObject({ code: 0, stdout: 'build-server-pw-1\n' });
    const byId = await keyhold(['get', `keyhold://${world.engineering.vaultId}/${world.buildServer.id}/password`], { env });
    expect(byId).toMatchObject({ code: 0, stdout: 'build-server-pw-1\n' });
  });

  it.skipIf(!available)('reads unicode and space names percent-encoded or quoted, and the clear login', async () => {
    expect((await keyhold(['get', CAFE], { env })).stdout).toBe('café-secret-✓-42\n');
    expect((await keyhold(['get', 'keyhold://Engineering/"Café ☕ Prod/EU"/API key'], { env })).stdout).toBe('ak_live_0123456789\n');
    expect((await keyhold(['get', 'keyhold://engineering/"café ☕ prod/eu"/login'], { env })).stdout).toBe('barista@example.com\n');
  });

  it.skipIf(!available)('prints the current TOTP code with --totp', async () => {
    const before = totpCode({ secret: TOTP_SECRET });
    const result = await keyhold(['get', '--totp', 'keyhold://Engineering/"Café ☕ Prod/EU"/totp'], { env });
    expect(result.code).toBe(0);
    expect([before, totpCode({ secret: TOTP_SECRET })]).toContain(result.stdout.trim());
  });

  it.skipIf(!available)('prints several values as json, env and dotenv', async () => {
    const refs = ['keyhold://Engineering/Build server/password', CAFE];
    const json = await keyhold(['get', '--format', 'json', ...refs], { env });
    expect(JSON.parse(json.stdout)).toEqual({ BUILD_SERVER_PASSWORD: 'build-server-pw-1', CAFE_PROD_EU_PASSWORD: 'café-secret-✓-42' });
    expect((await keyhold(['get', '-f', 'env', refs[0]!], { env })).stdout).toBe("export BUILD_SERVER_PASSWORD='build-server-pw-1'\n");
    expect((await keyhold(['get', '-f', 'dotenv', refs[0]!], { env })).stdout).toBe('BUILD_SERVER_PASSWORD="build-server-pw-1"\n');
  });

  it.skipIf(!available)('fails clearly, one line and its own exit code, for each kind of bad reference', async () => {
    const cases: [string, number, RegExp][] = [
      ['keyhold://Owner only/Owner secret/password', EXIT.noAccess, /No vault "Owner only" among the 1 you can read/],
      [`keyhold://${world.privateVault.vaultId}/x/password`, EXIT.noAccess, /no access/],
      ['keyhold://Engineering/Nope/password', EXIT.unknownReference, /No item "Nope" in Engineering/],
      ['keyhold://Engineering/Build server/pin', EXIT.unknownReference, /has no field "pin"/],
      ['keyhold://Engineering/Twin/password', EXIT.ambiguousReference, /2 items match "Twin"; use one of: keyhold:\/\/Engineering\//],
      ['keyhold://Engineering/password', EXIT.unknownReference, /fewer than three segments/],
      ['keyhold://Engineering/%E2%28/password', EXIT.unknownReference, /malformed percent-encoding/],
    ];
    for (const [reference, code, message] of cases) {
      const result = await keyhold(['get', reference], { env });
      expect({ reference, code: result.code }).toEqual({ reference, code });
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it.skipIf(!available)('says "not logged in" (exit 3) without a login, and "wrong master password" (exit 8)', async () => {
    const nobody = await keyhold(['get', CAFE], { env: { KEYHOLD_CONFIG_DIR: tempConfigDir(), KEYHOLD_MASTER_PASSWORD: 'x' } });
    expect(nobody.code).toBe(EXIT.notLoggedIn);
    expect(nobody.stderr).toBe('keyhold: Not logged in. Run "keyhold login" first.\n');
    const wrong = await keyhold(['get', CAFE], { env: { ...env, KEYHOLD_MASTER_PASSWORD: 'not it' } });
    expect(wrong).toMatchObject({ code: EXIT.wrongCredentials, stderr: 'keyhold: Wrong master password.\n' });
  });

  it.skipIf(!available)('says the server cannot be reached (exit 9) when nothing listens there', async () => {
    const offline = tempConfigDir();
    cpSync(config, offline, { recursive: true });
    const login = JSON.parse(readFileSync(join(offline, 'login.json'), 'utf8')) as { serverUrl: string };
    writeFileSync(join(offline, 'login.json'), JSON.stringify({ ...login, serverUrl: 'http://127.0.0.1:9' }));
    const result = await keyhold(['get', CAFE], { env: { ...env, KEYHOLD_CONFIG_DIR: offline } });
    expect(result).toMatchObject({ code: EXIT.serverUnreachable, stdout: '', stderr: 'keyhold: The server cannot be reached.\n' });
  });

  it.skipIf(!available)('run injects referenced values (the child sees them) and masks them in its output', async () => {
    const script = `console.log(require('crypto').createHash('sha256').update(process.env.DB_PASSWORD).digest('hex')); console.log('pw=' + process.env.DB_PASSWORD); console.error('err ' + process.env.DB_PASSWORD); console.log('plain=' + process.env.PLAIN); console.log('master=' + (process.env.KEYHOLD_MASTER_PASSWORD ?? 'unset'))`;
    const result = await keyhold(['run', '--', process.execPath, '-e', script], { env: { ...env, DB_PASSWORD: CAFE, PLAIN: 'not a secret' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${sha256('café-secret-✓-42')}\npw=${MASKED}\nplain=not a secret\nmaster=unset\n`);
    expect(result.stderr).toBe(`err ${MASKED}\n`);
  });

  it.skipIf(!available)('printenv shows the injected variables, masked', async () => {
    const result = await keyhold(['run', '--', 'printenv', 'DB_PASSWORD', 'PLAIN'], { env: { ...env, DB_PASSWORD: CAFE, PLAIN: 'visible' } });
    expect(result).toMatchObject({ code: 0, stdout: `${MASKED}\nvisible\n` });
  });

  it.skipIf(!available)('masking holds one byte per write and across 64 KiB pipe boundaries', async () => {
    const script = `
      const fs = require('fs'); const s = Buffer.from(process.env.S);
      for (const byte of s) fs.writeSync(1, Buffer.from([byte]));
      fs.writeSync(1, '\\n');
      for (const cut of [1, 3, s.length - 1]) {
        fs.writeSync(1, Buffer.concat([Buffer.alloc(65536 - cut, 'x'), s.subarray(0, cut)]));
        fs.writeSync(1, Buffer.concat([s.subarray(cut), Buffer.from('\\n')]));
      }
      for (const byte of s) fs.writeSync(2, Buffer.from([byte]));`;
    const result = await keyhold(['run', '--', process.execPath, '-e', script], { env: { ...env, S: CAFE } });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('café-secret');
    expect(result.stdout.split(MASKED)).toHaveLength(5);
    expect(result.stdout.startsWith(`${MASKED}\n`)).toBe(true);
    expect(result.stdout.length).toBe(MASKED.length * 4 + 4 + 3 * 65536 - (1 + 3 + Buffer.byteLength('café-secret-✓-42') - 1));
    expect(result.stderr).toBe(MASKED);
  });

  it.skipIf(!available)('passes the exit code through, and says when the command does not exist', async () => {
    expect((await keyhold(['run', '--', process.execPath, '-e', 'process.exit(42)'], { env: { ...env, X: CAFE } })).code).toBe(42);
    expect((await keyhold(['run', '--', 'no-such-command-keyhold'], { env })).code).toBe(EXIT.commandNotFound);
  });

  it.skipIf(!available)('forwards SIGTERM to the command and exits with the code it chose', async () => {
    const script = `process.on('SIGTERM', () => { console.log('stopping'); process.exit(3); }); setInterval(() => {}, 1000); console.log('ready');`;
    const child = spawn(process.execPath, [join(ROOT, 'bin/keyhold.js'), 'run', '--', process.execPath, '-e', script], { env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout === 'ready\n') child.kill('SIGTERM');
    });
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect({ code, stdout }).toEqual({ code: 3, stdout: 'ready\nstopping\n' });
  });

  it.skipIf(!available)('run --env-file and --vault/--folder/--tags export fields under safe names', async () => {
    const envFile = join(config, 'app.env');
    writeFileSync(envFile, `# app\nexport API_KEY="keyhold://Engineering/\\"Café ☕ Prod/EU\\"/api"\nMODE=ci # comment\n`);
    const print = `console.log(JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(API_KEY|MODE|CAFE_|BUILD_)/.test(k)).map(([k, v]) => [k, require('crypto').createHash('sha256').update(v).digest('hex').slice(0, 8)]))))`;
    const fromFile = await keyhold(['run', '--env-file', envFile, '--', process.execPath, '-e', print], { env });
    expect(JSON.parse(fromFile.stdout)).toEqual({ API_KEY: sha256('ak_live_0123456789').slice(0, 8), MODE: sha256('ci').slice(0, 8) });
    const selected = await keyhold(['run', '--vault', 'Engineering', '--tags', 'prod', '--', process.execPath, '-e', print], { env });
    expect(Object.keys(JSON.parse(selected.stdout)).sort()).toEqual(['CAFE_PROD_EU_API_KEY', 'CAFE_PROD_EU_LOGIN', 'CAFE_PROD_EU_ONE_TIME_CODE', 'CAFE_PROD_EU_PASSWORD']);
    const folder = await keyhold(['run', '--vault', 'Engineering', '--folder', 'Servers', '--', process.execPath, '-e', print], { env });
    expect(JSON.parse(folder.stdout)).toEqual({ BUILD_SERVER_LOGIN: sha256('alice@example.com').slice(0, 8), BUILD_SERVER_PASSWORD: sha256('build-server-pw-1').slice(0, 8) });
  });

  it.skipIf(!available)('inject fills a template into a 0600 file', async () => {
    const template = join(config, 'app.conf.tpl');
    const out = join(config, 'app.conf');
    writeFileSync(template, 'password = {{ keyhold://Engineering/Servers/Build/Build server/password }}\napi = {{keyhold://Engineering/"Café ☕ Prod/EU"/API key}}\n');
    const result = await keyhold(['inject', '-i', template, '-o', out], { env });
    expect(result.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('password = build-server-pw-1\napi = ak_live_0123456789\n');
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it.skipIf(!available)('ls lists vaults and items in text, json and dotenv (references, no secrets)', async () => {
    const vaults = await keyhold(['ls'], { env });
    expect(vaults.stdout).toMatch(new RegExp(`^${world.engineering.vaultId} {2}Engineering {2}\\(company, read\\)\\n$`));
    const json = JSON.parse((await keyhold(['ls', 'Engineering', '--format', 'json'], { env })).stdout) as { items: { name: string; folder: string }[]; folders: { path: string }[] };
    expect(json.items.map((item) => `${item.folder}|${item.name}`).sort()).toEqual(['Servers/Build|Build server', '|Café ☕ Prod/EU', '|Twin', '|Twin'].sort());
    expect(json.folders.map((folder) => folder.path).sort()).toEqual(['Servers', 'Servers/Build']);
    const dotenv = await keyhold(['ls', 'Engineering', '--folder', 'Servers', '-f', 'dotenv'], { env });
    expect(dotenv.stdout).toBe(`BUILD_SERVER_LOGIN="keyhold://Engineering/${world.buildServer.id}/login"\nBUILD_SERVER_PASSWORD="keyhold://Engineering/${world.buildServer.id}/password"\n`);
    expect(dotenv.stdout).not.toContain('build-server-pw-1');
  });

  it.skipIf(!available)('--help works on every command; bad flags are usage errors (exit 2)', async () => {
    for (const command of ['login', 'logout', 'get', 'run', 'inject', 'ls', 'version', 'help']) {
      const result = await keyhold([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: keyhold ${command}`));
    }
    expect((await keyhold(['get', '--frobnicate', CAFE], { env })).code).toBe(EXIT.usage);
  });
});
