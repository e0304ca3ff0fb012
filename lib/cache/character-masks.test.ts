import { describe, expect, it } from 'vitest';
import { characterBit, fieldMaskAt, FIELD_COUNT, rowCharacters, type FieldEnds } from './character-masks';

// The bits a one-character search reads instead of scanning (search.ts).

/** Rows of folded fields (name, login, URLs, tags) laid out as a block's text is: fields and rows one newline apart. */
function layOut(rows: string[][]): { text: string; layout: FieldEnds } {
  const layout: FieldEnds = { textStart: new Int32Array(rows.length), nameEnd: new Int32Array(rows.length), loginEnd: new Int32Array(rows.length), urlEnd: new Int32Array(rows.length) };
  let text = '';
  rows.forEach((fields, row) => {
    if (row > 0) text += '\n';
    layout.textStart[row] = text.length;
    const ends = [layout.nameEnd, layout.loginEnd, layout.urlEnd];
    fields.forEach((field, index) => {
      if (index > 0) text += '\n';
      text += field;
      if (index < 3) ends[index]![row] = text.length;
    });
  });
  return { text, layout };
}

const ALPHABET = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
const ROWS = [
  ['gitlab 42', 'me@x.io', 'gitlab.com/users/sign_in', 'work dev'],
  ['', '', '', ''],
  ['zürich', 'z9', 'www.zurich.ch', 'família'],
  ['amazon web services', 'ops+aws@acme.test', 'signin.aws.amazon.com a.b/c-d', '2fa'],
];

const has = (masks: Uint32Array, row: number, field: number, starts: boolean, character: string) => {
  const bit = characterBit(character.charCodeAt(0))!;
  return (masks[fieldMaskAt(row, field, starts, bit.word)]! & bit.mask) !== 0;
};

describe('row character masks', () => {
  const { text, layout } = layOut(ROWS);
  const { masks, initials } = rowCharacters(text, layout, ROWS.length);

  it('hold exactly the letters and digits of each field of each row, never those of another field or row', () => {
    for (let row = 0; row < ROWS.length; row++) {
      for (let field = 0; field < FIELD_COUNT; field++) {
        const held = ALPHABET.filter((character) => has(masks, row, field, false, character));
        expect(held, `row ${row} field ${field}`).toEqual(ALPHABET.filter((character) => ROWS[row]![field]!.includes(character)));
      }
    }
  });

  it('mark the characters that start a word of the field: after a space, punctuation or the field’s start, not after a letter or digit', () => {
    const startsIn = (row: number, field: number) => ALPHABET.filter((character) => has(masks, row, field, true, character));
    expect(startsIn(0, 0)).toEqual(['g', '4']);
    expect(startsIn(0, 2)).toEqual(['c', 'g', 'i', 's', 'u']);
    expect(startsIn(2, 3)).toEqual(['f']);
    expect(startsIn(3, 1)).toEqual(['a', 'o', 't']);
    expect(startsIn(3, 3)).toEqual(['2']);
  });

  it('keep each row’s first character (for a row of empty fields, the separator after its empty name)', () => {
    expect([...initials]).toEqual(['g'.charCodeAt(0), '\n'.charCodeAt(0), 'z'.charCodeAt(0), 'a'.charCodeAt(0)]);
    expect([...rowCharacters('', { textStart: Int32Array.of(0), nameEnd: Int32Array.of(0), loginEnd: Int32Array.of(0), urlEnd: Int32Array.of(0) }, 1).initials]).toEqual([0]);
  });

  it('have no bit for anything but an ASCII lower-case letter or digit', () => {
    for (const character of ['A', 'ü', '淘', '-', ' ', '@']) expect(characterBit(character.charCodeAt(0))).toBeNull();
  });
});
