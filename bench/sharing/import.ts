import { utf8 } from '../../lib/crypto/bytes';
import { apiDestination } from '../../lib/vault/import/api-destination';
import { runImport } from '../../lib/vault/import/importer';
import { readImportFile } from '../../lib/vault/import/read-import-file';
import { createTestOrganisation } from '../../tests/helpers/organisation';
import { startServer } from '../../tests/helpers/server-process';
import { newVault } from '../../tests/helpers/vault-fixtures';
import { median, round, type Figure } from '../report';

// sharing.import_10k_s (issue #14): 10,000 entries from a Bitwarden JSON file into an empty vault
// through the importer the CLI uses — parse, sort out, seal each entry, create them 250 to a bulk
// create (POST /api/v1/vaults/{vaultId}/items/bulk) — against a real server on SQLite. The file is
// made here, in the shape Bitwarden exports.

const ENTRIES = 10_000;
const RUNS = 3;
const FOLDERS = ['Work', 'Work/Servers', 'Personal', 'Finance', 'Infrastructure'];

/** A Bitwarden unencrypted JSON export of `count` logins spread over a few folders. */
export function bitwardenFile(count: number): Uint8Array {
  const folders = FOLDERS.map((name, index) => ({ id: `folder-${index}`, name }));
  const items = Array.from({ length: count }, (_, index) => ({
    id: `item-${index}`,
    organizationId: null,
    folderId: index % 7 === 0 ? null : folders[index % folders.length]!.id,
    type: 1,
    reprompt: 0,
    name: `Service ${index}`,
    notes: index % 3 === 0 ? `Recovery codes for service ${index} are in the safe.\nRotate quarterly.` : null,
    favorite: index % 50 === 0,
    fields: index % 5 === 0 ? [{ name: 'API key', value: `ak_${index.toString(36)}_secret`, type: 1, linkedId: null }] : [],
    login: { uris: [{ match: null, uri: `https://app-${index}.example.com/login` }], username: `user${index}@acme.test`, password: `pw-${index}-${(index * 7919).toString(36)}-Xy!`, totp: index % 10 === 0 ? 'JBSWY3DPEHPK3PXP' : null },
    collectionIds: null,
  }));
  return utf8(JSON.stringify({ encrypted: false, folders, items }));
}

/** Median seconds to import ENTRIES Bitwarden entries into a fresh vault, over RUNS runs. */
export async function measureImport(log: (line: string) => void): Promise<Figure[]> {
  const server = await startServer({ engine: 'sqlite' });
  try {
    const { owner } = await createTestOrganisation(server);
    const file = bitwardenFile(ENTRIES);
    const seconds: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const vaultKey = await newVault(owner, { kind: 'company', name: `Import ${run}` });
      const started = performance.now();
      const { candidates, skipped, keepRepeats } = await readImportFile('bitwarden-json', file);
      const summary = await runImport(candidates, skipped, apiDestination(owner.api, { vaultKey, folders: [], items: [] }), { folderId: null, keepRepeats });
      seconds.push((performance.now() - started) / 1000);
      if (summary.imported !== ENTRIES) throw new Error(`imported ${summary.imported} of ${ENTRIES}`);
      log(`import run ${run}: ${ENTRIES} entries in ${round(seconds.at(-1)!)} s`);
    }
    return [{ name: 'import_10k_s', value: median(seconds), unit: 's' }];
  } finally {
    await server.stop();
  }
}
