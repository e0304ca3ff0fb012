import { useEffect, useRef } from 'preact/hooks';

/** A ref that focuses its element once mounted when `enabled`: each screen starts at its first field. */
export function useAutoFocus<T extends HTMLElement>(enabled = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, [enabled]);
  return ref;
}
