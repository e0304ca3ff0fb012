// ArcSight Common Event Format, version 0 ("Implementing ArcSight CEF"):
//   CEF:0|Device Vendor|Device Product|Device Version|Device Event Class ID|Name|Severity|Extension

/** One CEF record; extensions keep their order, and an undefined or null value leaves its key out. */
export interface CefRecord {
  vendor: string;
  product: string;
  version: string;
  classId: string;
  name: string;
  /** 0 (lowest) – 10 (highest). */
  severity: number;
  extensions: [key: string, value: string | number | null | undefined][];
}

/**
 * A header field: `\` and `|` escaped with a backslash. The specification gives header fields no
 * line breaks, so a CR or LF (which would end the record for a line-based reader) becomes a space.
 */
export function escapeCefHeader(value: string): string {
  return value.replace(/[\\|]/g, (character) => `\\${character}`).replace(/\r\n|[\r\n]/g, ' ');
}

/** An extension value: `\` and `=` escaped; line breaks written as `\n` (or `\r`), as multi-line values are. */
export function escapeCefExtension(value: string): string {
  return value
    .replace(/[\\=]/g, (character) => `\\${character}`)
    .replace(/\r\n|\n/g, '\\n')
    .replace(/\r/g, '\\r');
}

/** Extension keys are single words of letters and digits; anything else is a programming error. */
function checkedKey(key: string): string {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(key)) throw new Error(`"${key}" is not a CEF extension key`);
  return key;
}

/** The CEF record as one line (no line break at the end). */
export function formatCef(record: CefRecord): string {
  if (!Number.isInteger(record.severity) || record.severity < 0 || record.severity > 10) throw new RangeError(`CEF severity ${record.severity} is not 0–10`);
  const header = ['CEF:0', ...[record.vendor, record.product, record.version, record.classId, record.name].map(escapeCefHeader), String(record.severity)];
  const extension = record.extensions
    .filter((entry): entry is [string, string | number] => entry[1] !== null && entry[1] !== undefined)
    .map(([key, value]) => `${checkedKey(key)}=${escapeCefExtension(String(value))}`)
    .join(' ');
  return `${header.join('|')}|${extension}`;
}
