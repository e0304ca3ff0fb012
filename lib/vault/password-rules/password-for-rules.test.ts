import { describe, expect, it } from 'vitest';
import { parsePasswordRules } from './parse-rules';
import { MIN_SUGGESTION_BITS, passwordForRules } from './password-for-rules';

const rules = (text: string) => parsePasswordRules(text);

describe('passwordForRules', () => {
  it('refuses rules that leave too little to guess, rather than make a guessable password', () => {
    expect(passwordForRules([rules('allowed: [a];')], MIN_SUGGESTION_BITS)).toBeNull();
    expect(passwordForRules([rules('allowed: [ab]; maxlength: 12;')], MIN_SUGGESTION_BITS)).toBeNull();
    expect(passwordForRules([rules('allowed: digit; maxlength: 6;')], MIN_SUGGESTION_BITS)).toBeNull();
  });

  it('lengthens a password from a small alphabet until it carries enough, within the maximum', () => {
    expect(passwordForRules([rules('allowed: digit; maxlength: 30;')], MIN_SUGGESTION_BITS)).toMatch(/^\d{22}$/);
    expect(passwordForRules([rules('allowed: lower;')], MIN_SUGGESTION_BITS)).toMatch(/^[a-z]{20}$/);
  });

  it('takes trusted rules as they are when asked for no minimum, and refuses contradictions', () => {
    expect(passwordForRules([rules('minlength: 4; maxlength: 4; allowed: digit;')], 0)).toMatch(/^\d{4}$/);
    expect(passwordForRules([rules('maxlength: 2; required: lower; required: upper; required: digit;')], 0)).toBeNull();
  });
});
