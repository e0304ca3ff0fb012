import type { VaultTree } from '../../lib/cache/vault-tree';
import type { PopupModel } from '../popup/popup-model';
import { ExportPanel } from './export-panel';
import { ImportPanel } from './import-panel';

// Import and export, one screen of the vault page, loaded only when opened (lazy-transfer.ts), so
// the parsers, the archive format and the CSV writer stay out of the page's first script and out
// of the popup and the worker entirely.

/** The import form above the export form. */
export function TransferScreen({ page, tree, onImported }: { page: PopupModel; tree: VaultTree; onImported(): void }) {
  return (
    <div class="settings-page" data-screen="transfer">
      <ImportPanel page={page} tree={tree} onImported={onImported} />
      <ExportPanel page={page} tree={tree} />
    </div>
  );
}
