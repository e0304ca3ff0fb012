import { describe, expect, it } from 'vitest';
import { utf8 } from './bytes';
import { ArchivePasswordError, ARCHIVE_HEADER_LENGTH, decryptArchive, encryptArchive } from './export-archive';
import { AuthenticationError, CryptoError, KdfParametersError, MalformedError, TruncatedError, UnknownVersionError } from './errors';

// The archive refuses a wrong password, every changed byte and every cut (docs/cryptography.md,
// "Export archives"). A small iteration count keeps the many decryptions fast; the format records it.

const PASSWORD = 'correct horse battery staple';
const plaintext = utf8(Array.from({ length: 3000 }, (_, index) => `{"type":"entry","n":${index}}`).join('\n')); // > 64 KiB: two segments
const made = encryptArchive(PASSWORD, plaintext, { iterations: 1000 });

function flipped(archive: Uint8Array, at: number): Uint8Array {
  const copy = archive.slice();
  copy[at]! ^= 0x01;
  return copy;
}

describe('the encrypted export archive', () => {
  it('gives back what was archived with the right password', async () => {
    expect(await decryptArchive(PASSWORD, await made)).toEqual(plaintext);
  });

  it('refuses a wrong password with its own error', async () => {
    await expect(decryptArchive('correct horse battery stapler', await made)).rejects.toBeInstanceOf(ArchivePasswordError);
  });

  it('tells a file that is no archive from a damaged one', async () => {
    await expect(decryptArchive(PASSWORD, utf8('{"encrypted": false}'))).rejects.toBeInstanceOf(MalformedError);
  });

  it('refuses every header byte changed', async () => {
    const archive = await made;
    for (let at = 0; at < ARCHIVE_HEADER_LENGTH; at++) {
      const error = await decryptArchive(PASSWORD, flipped(archive, at)).catch((caught: unknown) => caught);
      expect(error, `byte ${at}`).toBeInstanceOf(CryptoError);
      if (at < 8) expect(error).toBeInstanceOf(MalformedError);
      else if (at === 8) expect(error).toBeInstanceOf(UnknownVersionError);
      else if (at >= 10 && at < 14) expect([ArchivePasswordError, KdfParametersError].some((type) => error instanceof type), `byte ${at}`).toBe(true);
      else expect(error, `byte ${at}`).toBeInstanceOf(AuthenticationError);
    }
  });

  it('refuses a changed byte anywhere in the body', async () => {
    const archive = await made;
    for (const at of [ARCHIVE_HEADER_LENGTH, ARCHIVE_HEADER_LENGTH + 5, ARCHIVE_HEADER_LENGTH + 30_000, archive.length - 40, archive.length - 1]) {
      await expect(decryptArchive(PASSWORD, flipped(archive, at)), `byte ${at}`).rejects.toBeInstanceOf(CryptoError);
    }
  });

  it('refuses an archive cut short, inside the header, inside a segment or at a segment boundary', async () => {
    const archive = await made;
    await expect(decryptArchive(PASSWORD, archive.slice(0, 40))).rejects.toBeInstanceOf(TruncatedError);
    await expect(decryptArchive(PASSWORD, archive.slice(0, archive.length - 7))).rejects.toBeInstanceOf(CryptoError);
    const boundary = ARCHIVE_HEADER_LENGTH + 5 + 65_600;
    await expect(decryptArchive(PASSWORD, archive.slice(0, boundary))).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('binds the body to its header: the body of another archive with the same password fails', async () => {
    const other = await encryptArchive(PASSWORD, plaintext, { iterations: 1000 });
    const spliced = new Uint8Array([...(await made).slice(0, ARCHIVE_HEADER_LENGTH), ...other.slice(ARCHIVE_HEADER_LENGTH)]);
    await expect(decryptArchive(PASSWORD, spliced)).rejects.toBeInstanceOf(AuthenticationError);
  });
});
