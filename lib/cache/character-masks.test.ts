import { describe, expect, it } from 'vitest';
import { characterBit, rowCharacters } from './character-masks';

// The bits a one-character search reads instead of scanning (search.ts).

const holds = (masks: Uint32Array, row: number, character: string) => {
  const bit = characterBit(character.charCodeAt(0))!;
  return (masks[row * 2 + bit.word]! & bit.mask) !== 0;
};

describe('row character masks', () => {
  it('hold exactly the letters and digits of each row, never those of its neighbours', () => {
    const rows = ['gitlab 42\nme@x.io', '', 'zürich\nz9'];
    const text = rows.join('\n');
    const starts = Int32Array.from([0, rows[0]!.length + 1, rows[0]!.length + 2]);
    const { masks, initials } = rowCharacters(text, starts, rows.length);
    const alphabet = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
    const expected = rows.map((row) => alphabet.filter((character) => row.includes(character)));
    expect(rows.map((_, row) => alphabet.filter((character) => holds(masks, row, character)))).toEqual(expected);
    expect([...initials]).toEqual(['g'.charCodeAt(0), 0, 'z'.charCodeAt(0)]);
  });

  it('have no bit for anything but an ASCII lower-case letter or digit', () => {
    for (const character of ['A', 'ü', '淘', '-', ' ', '@']) expect(characterBit(character.charCodeAt(0))).toBeNull();
  });
});
