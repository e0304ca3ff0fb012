import type { EntryRow as Row } from '../../lib/messages/protocol';
import type { ClipboardModel } from './clipboard-model';
import type { FillModel } from './fill-model';
import type { EntryListModel } from './entry-list-model';
import { EntryRow } from './entry-row';
import type { PopupModel } from './popup-model';

/** One headed group of rows; `offset` is the first row's index in the whole list, for the keyboard. */
export interface EntrySectionProps {
  popup: PopupModel;
  entries: EntryListModel;
  clipboard: ClipboardModel;
  filler: FillModel;
  title: string;
  rows: readonly Row[];
  offset: number;
  hintId: string;
}

/** A heading ("This site", "All entries") and its rows. */
export function EntrySection({ popup, entries, clipboard, filler, title, rows, offset, hintId }: EntrySectionProps) {
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      <ul>
        {/* Keyed by place, not by entry: a keystroke that brings other entries rewrites the text of
            the rows already on screen instead of removing them and building new ones, which cost
            several milliseconds more to create, style and lay out (issue #6, search_ms). */}
        {rows.map((row, i) => (
          <EntryRow
            key={i}
            popup={popup}
            clipboard={clipboard}
            filler={filler}
            row={row}
            index={offset + i}
            active={offset + i === entries.active.value}
            totpOpen={entries.totpItemId.value === row.id}
            hintId={hintId}
            onActivate={entries.setActive}
            onToggleTotp={entries.toggleTotp}
          />
        ))}
      </ul>
    </section>
  );
}
