import type { AccessLevel } from '../../lib/contract/access-levels';
import { ApiError } from '../http/errors';
import { allows, atLeast, type Action, type Level } from './levels';
import type { VaultRights } from './vault-rights';

// What a route answers when the effective right does not allow the action (docs/access-control.md,
// "What routes answer"): what the caller cannot see does not exist for them (404); what they can
// see but may not do is 403.

/** Actions on an entry that exists: at navigation its existence must not leak. */
const HIDDEN_AT_NAVIGATION = new Set<Action>(['readEntries', 'editEntries', 'deleteEntries', 'shareEntries']);

/**
 * The level at the scope as the caller sees it: the rule's level when it opens the scope, else
 * navigation for a folder on the way to one they may open (or a vault only folders open), else null.
 */
export function seenLevel(rights: VaultRights, vaultId: string, folderId: string | null): AccessLevel | null {
  const level = rights.levelAt(vaultId, folderId);
  if (level !== null && atLeast(level, 'navigation')) return level as AccessLevel;
  const shown = folderId === null ? rights.vaultLevel(vaultId) !== null : rights.showsFolder(vaultId, folderId);
  return shown ? 'navigation' : null;
}

/** Throws unless the caller's right at the scope allows `action`; returns the level seen there. */
export function requireRight(rights: VaultRights, vaultId: string, folderId: string | null, action: Action, what = folderId === null ? 'vault' : 'folder'): Level {
  const level = seenLevel(rights, vaultId, folderId);
  if (level === null) throw new ApiError('notFound', { detail: `no such ${what}` });
  if (allows(level, action)) return level;
  if (level === 'navigation' && HIDDEN_AT_NAVIGATION.has(action)) throw new ApiError('notFound', { detail: `no such ${what}` });
  throw new ApiError('forbidden', { detail: `needs ${action} access` });
}
