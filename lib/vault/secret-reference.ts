// References name one secret field: `keyhold://<vault>/<folder…>/<item>/<field>` (docs/cli.md,
// "References"). Each segment is a name or an id; a segment is either plain (percent-encoded
// UTF-8, e.g. `My%20Vault`, raw spaces and Unicode also accepted) or double-quoted (`"a/b"`, where
// only `\"` and `\\` are escapes), so any name can be written whatever characters it holds.

export const REFERENCE_SCHEME = 'keyhold://';

/** A parsed reference: the vault, the folder path (maybe empty), the item and the field, each a name or an id. */
export interface SecretReference {
  vault: string;
  folders: string[];
  item: string;
  field: string;
}

/** The text is not a reference; `message` says what is wrong with it. */
export class ReferenceSyntaxError extends Error {
  constructor(readonly reference: string, reason: string) {
    super(`Malformed reference ${JSON.stringify(reference)}: ${reason}.`);
    this.name = 'ReferenceSyntaxError';
  }
}

/** True when `text` is meant as a reference (what `run` resolves in environment values). */
export function isReference(text: string): boolean {
  return text.startsWith(REFERENCE_SCHEME);
}

function readQuoted(reference: string, body: string, start: number): { segment: string; end: number } {
  let segment = '';
  for (let index = start + 1; index < body.length; index++) {
    const char = body[index]!;
    if (char === '"') return { segment, end: index + 1 };
    if (char === '\\') {
      const next = body[index + 1];
      if (next !== '"' && next !== '\\') throw new ReferenceSyntaxError(reference, 'only \\" and \\\\ may be escaped inside quotes');
      segment += next;
      index++;
    } else segment += char;
  }
  throw new ReferenceSyntaxError(reference, 'an unclosed quote');
}

function readPlain(reference: string, body: string, start: number): { segment: string; end: number } {
  const slash = body.indexOf('/', start);
  const end = slash === -1 ? body.length : slash;
  const raw = body.slice(start, end);
  if (raw.includes('"')) throw new ReferenceSyntaxError(reference, 'a quote inside a segment (quote the whole segment)');
  try {
    return { segment: decodeURIComponent(raw), end };
  } catch {
    throw new ReferenceSyntaxError(reference, `malformed percent-encoding in "${raw}"`);
  }
}

function segmentsOf(reference: string, body: string): string[] {
  const segments: string[] = [];
  let index = 0;
  for (;;) {
    const { segment, end } = body[index] === '"' ? readQuoted(reference, body, index) : readPlain(reference, body, index);
    if (segment === '') throw new ReferenceSyntaxError(reference, `an empty segment (number ${segments.length + 1})`);
    segments.push(segment);
    if (end === body.length) return segments;
    if (body[end] !== '/') throw new ReferenceSyntaxError(reference, 'a quoted segment must be followed by "/" or the end');
    index = end + 1;
  }
}

/** Parses `keyhold://vault/[folder/…]item/field`; throws ReferenceSyntaxError. */
export function parseReference(reference: string): SecretReference {
  if (!isReference(reference)) throw new ReferenceSyntaxError(reference, `no ${REFERENCE_SCHEME} at the start`);
  const segments = segmentsOf(reference, reference.slice(REFERENCE_SCHEME.length));
  if (segments.length < 3) throw new ReferenceSyntaxError(reference, 'fewer than three segments (vault, item and field)');
  return { vault: segments[0]!, folders: segments.slice(1, -2), item: segments.at(-2)!, field: segments.at(-1)! };
}

function formatSegment(segment: string): string {
  return encodeURIComponent(segment);
}

/** The canonical text of a reference (every segment percent-encoded): what `ls` prints. */
export function formatReference(reference: SecretReference): string {
  return REFERENCE_SCHEME + [reference.vault, ...reference.folders, reference.item, reference.field].map(formatSegment).join('/');
}
