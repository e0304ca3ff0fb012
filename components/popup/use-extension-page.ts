import { useEffect, useState } from 'preact/hooks';
import type { PopupEnvironment } from './popup-environment';

/** True once `path` is known to be in the build; a button to a missing page would lead nowhere. */
export function useExtensionPage(environment: PopupEnvironment, path: string): boolean {
  const [exists, setExists] = useState(false);
  useEffect(() => {
    let current = true;
    environment.extensionPageExists(path).then(
      (found) => current && setExists(found),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [environment, path]);
  return exists;
}
