import type { Migration } from 'kysely';
import { foundation } from './0001-foundation';
import { accounts } from './0002-accounts';
import { invitations } from './0003-invitations';
import { mfa } from './0004-mfa';
import { spentRefreshTokens } from './0005-spent-refresh-tokens';
import { vaults } from './0006-vaults';
import { changeIndexes } from './0007-change-indexes';
import { groups } from './0008-groups';
import { roles } from './0009-roles';
import { recovery } from './0010-recovery';
import { entryShares } from './0011-entry-shares';
import { auditChain } from './0012-audit-chain';
import { machines } from './0013-machines';
import { shareLinks } from './0014-share-links';
import { attachments } from './0015-attachments';

/** Every migration, by name; names sort in the order they run. Never edit or remove one. */
export function migrations(engine: 'sqlite' | 'postgres'): Record<string, Migration> {
  return {
    '0001-foundation': foundation(engine),
    '0002-accounts': accounts(),
    '0003-invitations': invitations(),
    '0004-mfa': mfa(),
    '0005-spent-refresh-tokens': spentRefreshTokens(),
    '0006-vaults': vaults(),
    '0007-change-indexes': changeIndexes(),
    '0008-groups': groups(),
    '0009-roles': roles(),
    '0010-recovery': recovery(),
    '0011-entry-shares': entryShares(),
    '0012-audit-chain': auditChain(),
    '0013-machines': machines(),
    '0014-share-links': shareLinks(),
    '0015-attachments': attachments(),
  };
}
