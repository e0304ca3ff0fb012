import { describe, expect, it } from 'vitest';
import { checkAgainstRules } from './check-rules';
import { parsePasswordRules } from './parse-rules';

const broken = (rules: string, password: string) => checkAgainstRules(parsePasswordRules(rules), password).map((violation) => violation.rule);

describe('checkAgainstRules', () => {
  it.each<[string, string, string[]]>([
    ['', 'anything printable: ~ !', []],
    ['', 'not ASCII: é', ['allowed']],
    ['', 'a tab\t', ['allowed']],
    ['minlength: 8; maxlength: 10', 'abcdefgh', []],
    ['minlength: 8; maxlength: 10', 'abcdefg', ['minlength']],
    ['minlength: 8; maxlength: 10', 'abcdefghijk', ['maxlength']],
    ['minlength: 3; allowed: unicode', '🔑🔑', ['minlength']],
    ['max-consecutive: 2', 'aabbaacc', []],
    ['max-consecutive: 2', 'abbba', ['max-consecutive']],
    ['required: lower; required: upper; required: digit', 'aB3', []],
    ['required: lower; required: upper; required: digit', 'aB', ['required']],
    ['required: lower, upper', 'B', []],
    ['required: upper; required: digit', 'ab', ['required', 'required', 'allowed']],
    // Required characters are allowed; nothing else is once either rule is given.
    ['required: digit', '123', []],
    ['required: digit', '123a', ['allowed']],
    ['allowed: lower; required: [-]', 'a-b', []],
    ['allowed: lower; required: [-]', 'a-B', ['allowed']],
    ['allowed: lower, [-]', 'a-b', []],
    ['required: special', ' ', []],
    ['required: special', '/\\]', []],
    ['required: special', 'aZ9', ['required', 'allowed']],
    ['allowed: ascii-printable', 'a b~', []],
    ['allowed: unicode', 'ünï©ødé', []],
    ['required: []]', 'a]', ['allowed']],
    ['required: []]; allowed: lower', 'a]', []],
  ])('%j on %j breaks %j', (rules, password, expected) => {
    expect(broken(rules, password)).toEqual(expected);
  });

  it('says what it found', () => {
    expect(checkAgainstRules(parsePasswordRules('minlength: 4; max-consecutive: 1; allowed: [ab]'), 'aac')).toEqual([
      { rule: 'minlength', detail: '3 < 4' },
      { rule: 'max-consecutive', detail: '2 × "a" > 1' },
      { rule: 'allowed', detail: 'not allowed: "c"' },
    ]);
  });
});
