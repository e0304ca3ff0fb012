import { utf8 } from '../../crypto/bytes';
import { encryptArchive, type ArchiveOptions } from '../../crypto/export-archive';
import { archivePlaintext } from './archive-contents';
import type { ExportedVault } from './exported-vault';
import { exportCsv, exportJson } from './plain-export';

// One export file from the vaults read: the encrypted archive, or plain CSV / JSON.

export const EXPORT_FORMATS = ['keyhold-archive', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The file's bytes; `archivePassword` is required for the archive and ignored otherwise. */
export async function writeExport(format: ExportFormat, vaults: ExportedVault[], archivePassword: string, now = Date.now(), options?: ArchiveOptions): Promise<Uint8Array> {
  if (format === 'csv') return utf8(exportCsv(vaults));
  if (format === 'json') return utf8(exportJson(vaults, now));
  if (archivePassword === '') throw new RangeError('an archive needs a password');
  return encryptArchive(archivePassword, archivePlaintext(vaults, now), options);
}

/** The file name an export is saved under by default. */
export function exportFileName(format: ExportFormat, now = Date.now()): string {
  const day = new Date(now).toISOString().slice(0, 10);
  return `keyhold-export-${day}.${format === 'keyhold-archive' ? 'khar' : format}`;
}
