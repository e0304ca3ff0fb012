import type * as Strength from './zxcvbn-strength';

// The estimator loads on first use, once per page: a page that never rates a password never loads
// its dictionaries (zxcvbn-strength.ts).
let loading: Promise<typeof Strength> | null = null;

/** zxcvbn's score for `password`, from 0 to 4, once the estimator has loaded; rejects when it cannot load. */
export async function lazyZxcvbnScore(password: string, related: readonly string[]): Promise<number> {
  const { zxcvbnScore } = await (loading ??= import('./zxcvbn-strength'));
  return zxcvbnScore(password, related);
}

export { WEAK_SCORE } from '../../lib/vault/password-health';
