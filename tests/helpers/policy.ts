import { DEFAULT_PASSWORD_POLICY } from '../../server/settings/default-policy';

/** The policy a fresh server hands out (GET /api/v1/app/settings), for client-side setup in tests. */
export const TEST_POLICY = DEFAULT_PASSWORD_POLICY;
