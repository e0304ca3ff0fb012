import { describe, expect, it } from 'vitest';
import { matchTier, quickTier, TIER_UNKNOWN, type RowBounds } from './match-tier';

// quickTier is matchTier without the look through the rest of a field: wherever it answers, the
// answers must agree, and it may leave only a first occurrence inside a word unknown.

/** One row's folded fields joined as the index joins them, with its bounds. */
function row(name: string, login: string, urls: string, tags: string): { text: string; bounds: RowBounds } {
  const text = [name, login, urls, tags].join('\n');
  const nameEnd = name.length;
  const loginEnd = nameEnd + 1 + login.length;
  const urlEnd = loginEnd + 1 + urls.length;
  return { text, bounds: { start: 0, nameEnd, loginEnd, urlEnd, end: text.length } };
}

const ROWS = [
  row('github work', 'alice.git@example.com', 'github.com/login\ngit.example.com/', 'dev\nlegit'),
  row('legit', 'digit', 'example.com/git', 'git'),
  row('my git server', 'bob', 'x.test/?q=git', 'agit\ngitops'),
];

describe('quickTier', () => {
  it('agrees with matchTier wherever it gives a tier, and leaves only an occurrence inside a word unknown', () => {
    let unknown = 0;
    for (const { text, bounds } of ROWS) {
      for (const token of ['git', 'g', 'it', 'example', 'login', 'ops']) {
        const at = text.indexOf(token);
        if (at < 0) continue;
        const quick = quickTier(text, at, bounds);
        if (quick === TIER_UNKNOWN) {
          unknown++;
          expect(/[a-z0-9]/.test(text[at - 1]!), `${token} in ${JSON.stringify(text)}`).toBe(true);
        } else expect(quick, `${token} in ${JSON.stringify(text)}`).toBe(matchTier(text, token, at, bounds));
      }
    }
    expect(unknown).toBeGreaterThan(0);
  });
});
