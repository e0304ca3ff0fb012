import type { ImportFormat, ParsedImport } from './imported-entry';

/** What the vault page and the CLI show and accept for one format. */
export interface ImportFormatInfo {
  id: ImportFormat;
  displayName: string;
  /** File name endings the source writes, with the dot, lower case. */
  extensions: string[];
  /** A zip or other binary file rather than text. */
  binary: boolean;
}

/** Every format Keyhold reads, in the order a chooser lists them. */
export const IMPORT_FORMATS: readonly ImportFormatInfo[] = [
  { id: 'bitwarden-json', displayName: 'Bitwarden (JSON, unencrypted)', extensions: ['.json'], binary: false },
  { id: 'bitwarden-csv', displayName: 'Bitwarden (CSV)', extensions: ['.csv'], binary: false },
  { id: '1password-1pux', displayName: '1Password (.1pux)', extensions: ['.1pux'], binary: true },
  { id: '1password-csv', displayName: '1Password (CSV)', extensions: ['.csv'], binary: false },
  { id: 'lastpass-csv', displayName: 'LastPass (CSV)', extensions: ['.csv'], binary: false },
  { id: 'keepass-xml', displayName: 'KeePass 2 (XML)', extensions: ['.xml'], binary: false },
  { id: 'keepassxc-csv', displayName: 'KeePassXC (CSV)', extensions: ['.csv'], binary: false },
  { id: 'chrome-csv', displayName: 'Chrome / Edge (CSV)', extensions: ['.csv'], binary: false },
  { id: 'firefox-csv', displayName: 'Firefox (CSV)', extensions: ['.csv'], binary: false },
];

type Parser = (file: Uint8Array) => ParsedImport;

// Each parser (and its CSV, zip or XML library) is loaded only when its format is chosen, so
// naming the formats costs the vault page and the CLI's start-up nothing.
const PARSERS: Record<ImportFormat, () => Promise<Parser>> = {
  'bitwarden-json': async () => (await import('./bitwarden-json')).parseBitwardenJson,
  'bitwarden-csv': async () => (await import('./bitwarden-csv')).parseBitwardenCsv,
  '1password-1pux': async () => (await import('./onepassword-1pux')).parseOnepassword1pux,
  '1password-csv': async () => (await import('./onepassword-csv')).parseOnepasswordCsv,
  'lastpass-csv': async () => (await import('./lastpass-csv')).parseLastpassCsv,
  'keepass-xml': async () => (await import('./keepass-xml')).parseKeepassXml,
  'keepassxc-csv': async () => (await import('./keepassxc-csv')).parseKeepassxcCsv,
  'chrome-csv': async () => (await import('./chrome-csv')).parseChromeCsv,
  'firefox-csv': async () => (await import('./firefox-csv')).parseFirefoxCsv,
};

/** The entries and skipped records of `file` read as `format`; rejects with ImportFormatError when the file is not that format. */
export async function parseImport(format: ImportFormat, file: Uint8Array): Promise<ParsedImport> {
  const parser = await PARSERS[format]();
  return parser(file);
}
