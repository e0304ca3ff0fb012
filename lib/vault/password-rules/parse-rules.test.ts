import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePasswordRules, type ParsedRules } from './parse-rules';
import shipped from './password-rules-data/password-rules.json';
import type { PasswordRulesFile } from './site-rules';

const rules = (parts: Partial<ParsedRules>): ParsedRules => ({ required: [], allowed: [], ...parts });
const custom = (characters: string) => ({ custom: characters });

describe('parsePasswordRules', () => {
  it.each<[string, string, ParsedRules]>([
    // The WHATWG proposal's example (whatwg/html#3518).
    ['the proposal', 'minlength: 8; required: lower; required: upper; required: digit; required: [-];', rules({ minLength: 8, required: [['lower'], ['upper'], ['digit'], [custom('-')]] })],
    // Apple's Password Rules Validation Tool's example.
    [
      'Apple’s validation tool',
      'required: upper; required: digit; required: [-().&@?\'#,/"+]; max-consecutive: 2; minlength: 8;',
      rules({ minLength: 8, maxConsecutive: 2, required: [['upper'], ['digit'], [custom('-().&@?\'#,/"+')]] }),
    ],
    [
      'a comma means “one of”',
      'max-consecutive: 2; minlength: 10; maxlength: 15; allowed: upper; required: digit, special;',
      rules({ minLength: 10, maxLength: 15, maxConsecutive: 2, required: [['digit', 'special']], allowed: ['upper'] }),
    ],
    ['allowed rules add up', 'allowed: lower; allowed: digit, [_]', rules({ allowed: ['lower', 'digit', custom('_')] })],
    ['every named class', 'allowed: upper, lower, digit, special, ascii-printable, unicode', rules({ allowed: ['upper', 'lower', 'digit', 'special', 'ascii-printable', 'unicode'] })],
    ['repeats: the strictest wins', 'minlength: 8; minlength: 12; maxlength: 20; maxlength: 16; max-consecutive: 3; max-consecutive: 2', rules({ minLength: 12, maxLength: 16, maxConsecutive: 2 })],
    ['repeated required rules stay separate', 'required: digit; required: digit', rules({ required: [['digit'], ['digit']] })],
    ['whitespace anywhere between tokens', '  minlength:8 ;\trequired :  lower ,upper  ;\n maxlength:\n12\n', rules({ minLength: 8, maxLength: 12, required: [['lower', 'upper']] })],
    ['no final semicolon', 'minlength: 8; required: lower', rules({ minLength: 8, required: [['lower']] })],
    ['class names are case-insensitive', 'required: UPPER, Digit; allowed: ASCII-Printable', rules({ required: [['upper', 'digit']], allowed: ['ascii-printable'] })],
    ['property names are not (as in Safari)', 'Required: upper; MINLENGTH: 8; maxlength: 9', rules({ maxLength: 9 })],
    // Custom classes.
    ['"[-]" is a dash', 'required: [-]', rules({ required: [[custom('-')]] })],
    ['"[]]" is a right bracket', 'required: []]', rules({ required: [[custom(']')]] })],
    ['"]]" ends a class with "]" in it', 'required: [abc]]', rules({ required: [[custom('abc]')]] })],
    ['a dash counts only when first', 'required: [abc-]; allowed: [-abc], [a-c]', rules({ required: [[custom('abc')]], allowed: [custom('-abc'), custom('ac')] })],
    ['"[" and ";" are plain inside a class', 'required: [[;:]; minlength: 6', rules({ minLength: 6, required: [[custom('[;:')]] })],
    ['space is a member', 'allowed: [ _]', rules({ allowed: [custom(' _')] })],
    ['each character once', 'required: [aabba]', rules({ required: [[custom('ab')]] })],
    ['characters beyond printable ASCII are skipped', 'required: [ä€b§\u0007]', rules({ required: [[custom('b')]] })],
    ['"[]" adds nothing to its rule', 'allowed: [], digit; required: []', rules({ allowed: ['digit'] })],
    ['a real entry with ";" and "[" in a class', 'minlength: 8; required: digit; required: [- !"#$&\'()*+,.:;<=>?@[^_`{|}~]]; allowed: lower, upper;', rules({ minLength: 8, required: [['digit'], [custom('- !"#$&\'()*+,.:;<=>?@[^_`{|}~]')]], allowed: ['lower', 'upper'] })],
    // Malformed rules are dropped; the rest still count.
    ['empty', '', rules({})],
    ['only separators', ' ; ;; ', rules({})],
    ['not the language', 'use a strong password!', rules({})],
    ['an unknown property', 'mystery: 7; minlength: 9', rules({ minLength: 9 })],
    ['no colon', 'minlength 8; required: digit', rules({ required: [['digit']] })],
    ['no value', 'required:; minlength:', rules({})],
    ['a word for a number', 'minlength: eight; maxlength: 16', rules({ maxLength: 16 })],
    ['numbers that are not positive whole numbers', 'minlength: -4; maxlength: 8.5; max-consecutive: 0; minlength: 0; maxlength: 99999999999999999999', rules({})],
    ['an unknown class drops its whole rule', 'required: digit, emoji; required: lower', rules({ required: [['lower']] })],
    ['classes without a comma', 'required: upper lower; required: digit', rules({ required: [['digit']] })],
    ['a trailing comma', 'required: lower,; minlength: 4', rules({ minLength: 4 })],
    ['an unclosed class takes the rest with it', 'minlength: 4; required: [abc; maxlength: 8', rules({ minLength: 4 })],
    ['text after a class', 'required: [ab]c; minlength: 5', rules({ minLength: 5 })],
  ])('%s', (_, text, expected) => {
    expect(parsePasswordRules(text)).toEqual(expected);
  });

  it('never throws, and gives only well-formed rules, for any text', () => {
    const alphabet = fc.constantFrom(...'minlength maxlength max-consecutive required allowed upper lower digit special : ; , [ ] - 0 1 9 é \t'.split(' '));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join(''))), (text) => {
        const parsed = parsePasswordRules(text);
        for (const count of [parsed.minLength, parsed.maxLength, parsed.maxConsecutive]) {
          if (count !== undefined) expect(Number.isSafeInteger(count) && count > 0).toBe(true);
        }
        for (const ruleClass of [...parsed.allowed, ...parsed.required.flat()]) {
          if (typeof ruleClass !== 'string') expect(ruleClass.custom).toMatch(/^[ -~]+$/);
        }
        expect(parsed.required.every((classes) => classes.length > 0)).toBe(true);
      }),
      { seed: 909, numRuns: 2000 },
    );
  });

  it('reads every rule of every entry in the shipped file', () => {
    const count = (text: string, name: string) => text.split(';').filter((part) => part.trim().startsWith(`${name}:`)).length;
    for (const [key, entry] of Object.entries(shipped as PasswordRulesFile)) {
      const text = entry['password-rules'];
      const parsed = parsePasswordRules(text);
      expect({ key, required: parsed.required.length }).toEqual({ key, required: count(text, 'required') });
      expect({ key, allowed: parsed.allowed.length > 0 }).toEqual({ key, allowed: count(text, 'allowed') > 0 });
      expect({ key, minLength: parsed.minLength !== undefined }).toEqual({ key, minLength: count(text, 'minlength') > 0 });
      expect({ key, maxLength: parsed.maxLength !== undefined }).toEqual({ key, maxLength: count(text, 'maxlength') > 0 });
    }
  });
});
