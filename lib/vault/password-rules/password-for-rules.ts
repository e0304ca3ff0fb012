import { mergeRules, generateForRules, PasswordRulesError, PREFERRED_RULES_LENGTH } from './rules-generator';
import type { ParsedRules } from './parse-rules';

// A suggested password for rule sets that may come from a hostile page (docs/autofill.md,
// "Generating"): as long as the rules allow it, long enough to carry `minimumBits` of randomness;
// none when they cannot, or contradict each other.

/** What a suggestion must carry when a page's own rules shaped it: beyond any guessing, online or off. */
export const MIN_SUGGESTION_BITS = 70;

/** A password meeting every set with at least `minimumBits` (length × log2 of the alphabet), or null. */
export function passwordForRules(sets: readonly ParsedRules[], minimumBits: number): string | null {
  try {
    const merged = mergeRules(sets);
    const perCharacter = Math.log2(merged.alphabet.length);
    const wanted = perCharacter > 0 ? Math.ceil(minimumBits / perCharacter) : Infinity;
    const length = Math.min(merged.maxLength, Math.max(merged.minLength, PREFERRED_RULES_LENGTH, wanted));
    if (length * perCharacter < minimumBits) return null;
    return generateForRules(sets, { preferredLength: length });
  } catch (error) {
    if (error instanceof PasswordRulesError) return null;
    throw error;
  }
}
