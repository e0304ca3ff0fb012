import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { collectRecords, type RecordOutcome, type SourceRecord } from './collect-records';
import { type ImportedField, ImportFormatError, type ParsedImport } from './imported-entry';
import { decodeImportText } from './import-text';
import { isObject, type JsonObject, list, text } from './json-values';
import { newImportedEntry, nonBlank } from './new-entry';
import { keepassTotp, TOTP_KEYS } from './keepass-totp';

// KeePass 2's XML export (docs/import.md "KeePass 2 XML"): KeePassFile → Root → one root Group,
// groups nested inside, each Entry a list of String key/value pairs. A pure-JS parser, because
// DOMParser exists neither in Node (the CLI) nor in a service worker.
const STANDARD_KEYS = new Set(['Title', 'UserName', 'Password', 'URL', 'Notes']);
// KeePass2Android's convention for further URLs, which KeePassXC follows: KP2A_URL, KP2A_URL_1…
const EXTRA_URL_KEY = /^KP2A_URL(_\d+)?$/;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Keep every value as written: "007" stays a string and a password's spaces stay.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => name === 'Group' || name === 'Entry' || name === 'String',
});

interface GroupedEntry {
  entry: unknown;
  folderPath: string[];
}

/** The entries of a KeePass 2 XML export, leaving out the recycle bin and history; throws ImportFormatError when it is not one. */
export function parseKeepassXml(file: Uint8Array): ParsedImport {
  const keePassFile = readKeePassFile(file);
  const recycleBin = isObject(keePassFile.Meta) ? text(keePassFile.Meta.RecycleBinUUID) : '';
  const rootGroup = list(isObject(keePassFile.Root) ? keePassFile.Root.Group : undefined)[0];
  const entries = isObject(rootGroup) ? groupEntries(rootGroup, [], recycleBin) : [];
  const records: SourceRecord<GroupedEntry>[] = entries.map((value, index) => ({ position: index + 1, name: stringsOf(value.entry).get('Title') ?? '', value }));
  return collectRecords(records, readEntry);
}

function readKeePassFile(file: Uint8Array): JsonObject {
  // XML's own end-of-line rule (XML 1.0 §2.11), which the parser leaves to its caller.
  const xml = decodeImportText(file).replace(/\r\n?/g, '\n');
  // KeePass writes no DOCTYPE; refusing one keeps entity-expansion tricks out of the parser.
  if (/<!DOCTYPE/i.test(xml)) throw new ImportFormatError('keepass-xml', 'it declares a DOCTYPE, which KeePass never writes');
  // Protected="True" marks a value still XOR-ed with a .kdbx file's inner stream key: the inner XML
  // of a database, not an export. Imported as is it would turn passwords into base64 noise.
  if (/<Value\s[^>]*\bProtected="True"/.test(xml)) throw new ImportFormatError('keepass-xml', 'its values are encrypted (Protected="True"); export again with File → Export → KeePass XML (2.x)');
  if (XMLValidator.validate(xml) !== true) throw new ImportFormatError('keepass-xml', 'the file is not well-formed XML');
  const root: unknown = parser.parse(xml);
  if (!isObject(root) || !isObject(root.KeePassFile)) throw new ImportFormatError('keepass-xml', 'it has no KeePassFile element');
  return root.KeePassFile;
}

// The root group is the database itself: its entries sit at the top level, its subgroups become
// folders. An entry's History holds its earlier versions, which are not separate entries.
function groupEntries(group: JsonObject, folderPath: string[], recycleBin: string): GroupedEntry[] {
  const own = list(group.Entry).map((entry) => ({ entry, folderPath }));
  const nested = list(group.Group).flatMap((child) => {
    if (!isObject(child) || isRecycleBin(child, recycleBin)) return [];
    return groupEntries(child, [...folderPath, text(child.Name).trim()].filter(Boolean), recycleBin);
  });
  return [...own, ...nested];
}

// Deleted entries wait in the recycle bin; they were thrown away, so they are not imported. Meta
// names the bin by UUID; a file without that falls back to KeePass's default name.
function isRecycleBin(group: JsonObject, recycleBin: string): boolean {
  return recycleBin ? text(group.UUID) === recycleBin : text(group.Name) === 'Recycle Bin';
}

function readEntry({ entry, folderPath }: GroupedEntry): RecordOutcome {
  if (!isObject(entry)) return 'malformed';
  const strings = stringsOf(entry);
  const name = strings.get('Title') ?? '';
  return newImportedEntry({
    name,
    login: strings.get('UserName') ?? '',
    password: strings.get('Password') ?? '',
    urls: nonBlank([strings.get('URL'), ...[...strings.keys()].filter((key) => EXTRA_URL_KEY.test(key)).map((key) => strings.get(key))]),
    notes: strings.get('Notes') ?? '',
    totp: keepassTotp(strings, name),
    folderPath,
    tags: nonBlank(text(entry.Tags).split(/[;,]/)),
    customFields: customFields(entry),
  });
}

function stringsOf(entry: unknown): Map<string, string> {
  const strings = new Map<string, string>();
  if (!isObject(entry)) return strings;
  for (const pair of list(entry.String)) {
    if (isObject(pair)) strings.set(text(pair.Key), valueText(pair.Value));
  }
  return strings;
}

function customFields(entry: JsonObject): ImportedField[] {
  return list(entry.String).flatMap((pair) => {
    if (!isObject(pair)) return [];
    const key = text(pair.Key);
    if (STANDARD_KEYS.has(key) || TOTP_KEYS.has(key) || EXTRA_URL_KEY.test(key)) return [];
    const value = valueText(pair.Value);
    if (!key && !value) return [];
    return [{ label: key, value, secret: isObject(pair.Value) && pair.Value['@ProtectInMemory'] === 'True' }];
  });
}

// <Value>text</Value> parses to a string; <Value ProtectInMemory="True">text</Value> to an object.
function valueText(value: unknown): string {
  return isObject(value) ? text(value['#text']) : text(value);
}
