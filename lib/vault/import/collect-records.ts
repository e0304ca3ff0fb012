import type { ImportedEntry, ImportSkip, ImportSkipReason, ParsedImport } from './imported-entry';
import { isEmptyEntry } from './new-entry';

/** One record of a source file, with its 1-based position and the name to show if it is skipped. */
export interface SourceRecord<T> {
  position: number;
  name: string;
  value: T;
}

/** What a parser makes of one record: an entry, or why it was left out. */
export type RecordOutcome = ImportedEntry | Exclude<ImportSkipReason, 'duplicate' | 'empty'>;

/**
 * Runs `read` over every record and sorts the results into entries and skips. A record that makes
 * `read` throw is `malformed`, never the whole import: one bad row must not cost the user the rest.
 */
export function collectRecords<T>(records: Iterable<SourceRecord<T>>, read: (value: T) => RecordOutcome, alreadySkipped: ImportSkip[] = []): ParsedImport {
  const entries: ImportedEntry[] = [];
  const skipped: ImportSkip[] = [...alreadySkipped];
  for (const record of records) {
    const outcome = readSafely(record.value, read);
    if (typeof outcome === 'string') skipped.push({ position: record.position, name: record.name, reason: outcome });
    else if (isEmptyEntry(outcome)) skipped.push({ position: record.position, name: record.name, reason: 'empty' });
    else entries.push(outcome);
  }
  skipped.sort((a, b) => a.position - b.position);
  return { entries, skipped };
}

function readSafely<T>(value: T, read: (value: T) => RecordOutcome): RecordOutcome {
  try {
    return read(value);
  } catch {
    return 'malformed';
  }
}
