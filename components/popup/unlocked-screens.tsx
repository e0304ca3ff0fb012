import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { createClipboardModel } from './clipboard-model';
import { createEntryListModel } from './entry-list-model';
import { EntriesScreen } from './entries-screen';
import { generatorModule, LazyScreen, settingsModule } from './lazy-screens';
import type { PopupModel } from './popup-model';

type UnlockedView = 'entries' | 'generator' | 'settings';

/** The unlocked popup: the entry list, with the generator and settings one button away. */
export function UnlockedScreens({ popup }: { popup: PopupModel }) {
  const [view, setView] = useState<UnlockedView>('entries');
  const entries = useMemo(() => createEntryListModel(popup), [popup]);
  const clipboard = useMemo(() => createClipboardModel(popup), [popup]);
  // A layout effect, not useEffect, which Preact runs only after the next paint: a list unlocked
  // just now (no rows came with the popup's status) asks for its rows before that paint.
  useLayoutEffect(() => {
    void entries.open();
    return () => {
      entries.dispose();
      clipboard.dispose();
    };
  }, [entries, clipboard]);
  // One object for the screen's life, not a new one (and new props for the entry screen) per render.
  const links = useMemo(() => ({ onGenerator: () => setView('generator'), onSettings: () => setView('settings') }), []);

  const back = () => setView('entries');
  switch (view) {
    case 'generator':
      return <LazyScreen popup={popup} module={generatorModule}>{({ GeneratorScreen }) => <GeneratorScreen popup={popup} clipboard={clipboard} onBack={back} />}</LazyScreen>;
    case 'settings':
      return <LazyScreen popup={popup} module={settingsModule}>{({ SettingsScreen }) => <SettingsScreen popup={popup} onBack={back} />}</LazyScreen>;
    case 'entries':
      return <EntriesScreen popup={popup} entries={entries} clipboard={clipboard} links={links} />;
  }
}
