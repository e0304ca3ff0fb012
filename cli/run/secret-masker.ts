import { Transform } from 'node:stream';

// Masks secret values in a child's output however it is cut into writes: one byte per write, or a
// secret straddling two 64 KiB pipe reads. Bytes that could still be the start of a secret are held
// back until the next bytes tell (or the stream ends); everything else goes through at once. Works
// on bytes, so a secret is found whatever the child's encoding split in the middle of a character.

export const MASK = Buffer.from('<concealed by keyhold>');

/** Values shorter than this are not masked: a 1- or 2-character "secret" would mask ordinary text everywhere. */
export const MIN_MASKED_LENGTH = 3;

/** A streaming matcher of a fixed set of secrets. */
export class SecretMasker {
  #byFirstByte = new Map<number, Buffer[]>();
  #pending: Buffer = Buffer.alloc(0);

  constructor(secrets: Iterable<string>) {
    const unique = new Set([...secrets].filter((secret) => secret.length >= MIN_MASKED_LENGTH));
    for (const secret of unique) {
      const bytes = Buffer.from(secret);
      const list = this.#byFirstByte.get(bytes[0]!) ?? [];
      list.push(bytes);
      this.#byFirstByte.set(bytes[0]!, list);
    }
    // Longest first: where two secrets match at one place, the longer one is masked whole.
    for (const list of this.#byFirstByte.values()) list.sort((a, b) => b.length - a.length);
  }

  /** The output for `chunk`: what is decided so far, masked; a possible start of a secret is held back. */
  push(chunk: Buffer): Buffer {
    return this.#scan(Buffer.concat([this.#pending, chunk]), false);
  }

  /** The rest at the end of the stream: a held-back prefix that never became a secret goes out as it was. */
  end(): Buffer {
    return this.#scan(this.#pending, true);
  }

  #scan(data: Buffer, final: boolean): Buffer {
    const out: Buffer[] = [];
    let copiedUpTo = 0;
    let index = 0;
    while (index < data.length) {
      const candidates = this.#byFirstByte.get(data[index]!);
      if (!candidates) {
        index++;
        continue;
      }
      const match = this.#matchAt(data, index, candidates, final);
      if (match === 'undecided') {
        out.push(data.subarray(copiedUpTo, index));
        this.#pending = Buffer.from(data.subarray(index));
        return Buffer.concat(out);
      }
      if (match === 0) {
        index++;
        continue;
      }
      out.push(data.subarray(copiedUpTo, index), MASK);
      index += match;
      copiedUpTo = index;
    }
    out.push(data.subarray(copiedUpTo));
    this.#pending = Buffer.alloc(0);
    return Buffer.concat(out);
  }

  /** The length of the secret matching at `index` (0 for none), or 'undecided' while the data ends inside a possible one. */
  #matchAt(data: Buffer, index: number, candidates: Buffer[], final: boolean): number | 'undecided' {
    const available = data.length - index;
    let longestFull = 0;
    for (const secret of candidates) {
      if (secret.length <= available) {
        if (longestFull === 0 && data.compare(secret, 0, secret.length, index, index + secret.length) === 0) longestFull = secret.length;
      } else if (!final && data.compare(secret, 0, available, index, data.length) === 0) {
        // A longer secret may still be coming: wait, even if a shorter one already matches.
        return 'undecided';
      }
    }
    return longestFull;
  }
}

/** A Transform that masks `secrets` in what flows through it. */
export function maskingStream(secrets: Iterable<string>): Transform {
  const masker = new SecretMasker(secrets);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, masker.push(chunk));
    },
    flush(done) {
      done(null, masker.end());
    },
  });
}
