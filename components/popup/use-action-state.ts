import { useMemo } from 'preact/hooks';
import { createActionState } from './action-state';

/** One ActionState for the lifetime of the component that submits it. */
export function useActionState() {
  return useMemo(createActionState, []);
}
