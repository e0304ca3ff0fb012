import { useEffect, useMemo, useState } from 'preact/hooks';
import { createClipboardModel } from './clipboard-model';
import { createEntryListModel } from './entry-list-model';
import { EntriesScreen } from './entries-screen';
import { GeneratorScreen } from './generator-screen';
import type { PopupModel } from './popup-model';
import { SettingsScreen } from './settings-screen';

type UnlockedView = 'entries' | 'generator' | 'settings';

/** The unlocked popup: the entry list, with the generator and settings one button away. */
export function UnlockedScreens({ popup }: { popup: PopupModel }) {
  const [view, setView] = useState<UnlockedView>('entries');
  const entries = useMemo(() => createEntryListModel(popup), [popup]);
  const clipboard = useMemo(() => createClipboardModel(popup), [popup]);
  useEffect(() => {
    void entries.open();
    return clipboard.dispose;
  }, [entries, clipboard]);

  const back = () => setView('entries');
  switch (view) {
    case 'generator':
      return <GeneratorScreen popup={popup} clipboard={clipboard} onBack={back} />;
    case 'settings':
      return <SettingsScreen popup={popup} onBack={back} />;
    case 'entries':
      return <EntriesScreen popup={popup} entries={entries} clipboard={clipboard} links={{ onGenerator: () => setView('generator'), onSettings: () => setView('settings') }} />;
  }
}
