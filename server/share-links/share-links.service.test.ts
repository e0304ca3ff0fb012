import { describe, expect, it } from 'vitest';
import { linkState } from './share-links.service';

const NOW = 1_764_460_800_000;
const open = { revoked_at: null, expires_at: null, max_views: null, views: 0 };

describe('a link’s state', () => {
  it.each([
    ['open without limits', open, 'active'],
    ['with views left', { ...open, max_views: 3, views: 2 }, 'active'],
    ['expiring later', { ...open, expires_at: NOW + 1 }, 'active'],
    ['at its expiry', { ...open, expires_at: NOW }, 'expired'],
    ['with every view used', { ...open, max_views: 1, views: 1 }, 'usedUp'],
    ['revoked, even when also expired and used up', { revoked_at: NOW - 5, expires_at: NOW - 1, max_views: 1, views: 1 }, 'revoked'],
    ['expired and used up', { ...open, expires_at: NOW - 1, max_views: 1, views: 1 }, 'expired'],
  ] as const)('%s', (_name, row, state) => {
    expect(linkState(row, NOW)).toBe(state);
  });
});
