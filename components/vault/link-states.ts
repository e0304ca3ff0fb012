import type { LinkState } from '../../lib/contract/share-links';
import type { MessageKey } from '../../lib/i18n/translate';

/** How each state of a share link is named on the vault page. */
export const LINK_STATES: Record<LinkState, MessageKey> = {
  active: 'vault.links.state.active',
  expired: 'vault.links.state.expired',
  usedUp: 'vault.links.state.usedUp',
  revoked: 'vault.links.state.revoked',
};
