// What every import parser produces (docs/import.md): one shape, whatever the source, holding the
// entry in clear exactly as the source file had it. Only the vault page, the worker and the CLI
// ever see it; the importer turns it into an ItemInput and encrypts it like any entry typed by hand.

/** The formats Keyhold reads. Each has one parser file in lib/vault/import/. */
export type ImportFormat =
  | 'bitwarden-json'
  | 'bitwarden-csv'
  | '1password-1pux'
  | '1password-csv'
  | 'lastpass-csv'
  | 'keepass-xml'
  | 'keepassxc-csv'
  | 'chrome-csv'
  | 'firefox-csv';

/** A field the source had beyond name, login, password, URLs, notes and TOTP. */
export interface ImportedField {
  label: string;
  value: string;
  /** Hidden/concealed in the source: imported as a password-type field, otherwise as text. */
  secret: boolean;
}

/** One entry read from a source file. Empty strings and empty lists stand for "the source had none". */
export interface ImportedEntry {
  name: string;
  login: string;
  password: string;
  /** In the source's order; the first is the one autofill shows first. */
  urls: string[];
  notes: string;
  /** An otpauth:// URI or a bare base32 secret, as the source stored it; '' when none. */
  totp: string;
  /** Folder names from the top down (KeePass groups, Bitwarden folders, LastPass grouping…); [] at the root. */
  folderPath: string[];
  tags: string[];
  customFields: ImportedField[];
}

/** Why a record of the source file was not imported. */
export type ImportSkipReason =
  | 'unsupportedType' // a card, identity, SSH key… that is not a login or secure note
  | 'empty' // no name, login, password, URL or note at all
  | 'malformed' // a row or record the parser could not read
  | 'duplicate'; // already in the target vault (decided by the importer, never by a parser)

/** A record that was left out, with where it was in the source (1-based row or record number). */
export interface ImportSkip {
  position: number;
  name: string;
  reason: ImportSkipReason;
}

/** A parser's result. A file that is not the format at all throws ImportFormatError instead. */
export interface ParsedImport {
  entries: ImportedEntry[];
  skipped: ImportSkip[];
}

/** The file is not in the format chosen (wrong columns, not JSON, not a .1pux zip…). */
export class ImportFormatError extends Error {
  constructor(
    readonly format: ImportFormat,
    detail: string,
  ) {
    super(`not a ${format} file: ${detail}`);
    this.name = 'ImportFormatError';
  }
}
