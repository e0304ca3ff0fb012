import type { ApiClient } from '../../lib/api/client';
import type { OpenedKeys } from '../../lib/session/opened-vault';

/**
 * Who a command reads as: a person after `keyhold login` and their master password, or a machine
 * through its access key (lib/vault/machine-session.ts) — the same shape, so every reading
 * command works for both.
 */
export interface Identity {
  userId: string;
  api: ApiClient;
  keys: OpenedKeys;
  /** The organisation that certifies every key (certificates name it). */
  organisationId: string;
}
