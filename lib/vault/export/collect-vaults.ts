import { readInput } from '../item';
import { VaultKeyMissingError, type ReadableVaults, type Vault } from '../readable-vaults';
import type { ExportedVault } from './exported-vault';

// The vaults an export holds, read from one full sync: every live folder and every live entry,
// each decrypted only after its wrap and metadata MAC verified (lib/vault/readable-vaults.ts).

async function collectVault(readable: ReadableVaults, vault: Vault): Promise<ExportedVault> {
  const items = readable.items.filter((item) => item.vaultId === vault.id);
  // The key is opened first, so a vault whose key nobody shared yet fails before any entry is read.
  if (items.length > 0) await readable.vaultKey(vault.id, vault.keyVersion);
  return {
    id: vault.id,
    name: vault.name,
    folders: readable.folders.filter((folder) => folder.vaultId === vault.id).map(({ id, parentId, name }) => ({ id, parentId, name })),
    entries: await Promise.all(items.map(async (item) => readInput(item, await readable.open(item)))),
  };
}

/**
 * The chosen vaults in clear; throws when a vault key or an entry does not verify. With no
 * `vaultIds`, every readable vault except those whose key was not shared with the caller yet.
 */
export async function collectVaults(readable: ReadableVaults, vaultIds: readonly string[]): Promise<ExportedVault[]> {
  if (vaultIds.length > 0) return Promise.all(readable.vaults.filter((vault) => vaultIds.includes(vault.id)).map((vault) => collectVault(readable, vault)));
  const collected = await Promise.all(
    readable.vaults.map((vault) =>
      collectVault(readable, vault).catch((error: unknown) => {
        if (error instanceof VaultKeyMissingError) return null;
        throw error;
      }),
    ),
  );
  return collected.filter((vault): vault is ExportedVault => vault !== null);
}
