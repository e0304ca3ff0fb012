/** The file's text as UTF-8, without a byte-order mark (TextDecoder drops a leading BOM itself). */
export function decodeImportText(file: Uint8Array): string {
  return new TextDecoder('utf-8').decode(file);
}
