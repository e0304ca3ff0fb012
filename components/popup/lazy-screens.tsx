import type { ComponentChild } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import { ErrorAlert } from '../form/error-alert';
import { errorText } from '../../lib/i18n/error-text';
import { asBackgroundError, type PopupModel } from './popup-model';

// Screens whose code stays out of the popup's first script, so the entry list of an unlocked
// popup (the everyday case) loads, compiles and paints first (issue #6). Each loads from the
// extension's own files when first shown, in a few milliseconds.

/** A module loaded once, on first use: `loaded` after it arrived. */
export interface LazyModule<M> {
  readonly loaded: M | undefined;
  /** Loads it (once; a failed load is tried again next time) and resolves to it. */
  load(): Promise<M>;
}

/** `importer`'s module, loaded on the first `load()`. */
export function lazyModule<M>(importer: () => Promise<M>): LazyModule<M> {
  let loaded: M | undefined;
  let loading: Promise<M> | undefined;
  return {
    get loaded() {
      return loaded;
    },
    load() {
      loading ??= importer().then(
        (module) => (loaded = module),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
  };
}

/** The server address, asked for on first run. */
export const firstRunModule = lazyModule(() => import('./first-run-screen'));
/** Sign-in, owner setup and joining: only before someone signs in. */
export const signedOutModule = lazyModule(() => import('./signed-out-screens'));
/** The password generator. */
export const generatorModule = lazyModule(() => import('./generator-screen'));
/** Settings and the master password change. */
export const settingsModule = lazyModule(() => import('./settings-screen'));

/** Enrolling a second factor the organisation requires: once per account at most. */
export const mfaEnrolmentModule = lazyModule(() => import('./mfa-enrolment-screen'));

/** Every lazy screen; tests load them all first so each screen renders at once. */
export const LAZY_MODULES: readonly LazyModule<unknown>[] = [firstRunModule, signedOutModule, generatorModule, settingsModule, mfaEnrolmentModule];

/** Renders `children(module)` once `module` has loaded; an empty busy screen until then, and why when it fails. */
export function LazyScreen<M>({ popup, module, children }: { popup: PopupModel; module: LazyModule<M>; children(module: M): ComponentChild }) {
  const [failure, setFailure] = useState<unknown>(null);
  const [, setArrivals] = useState(0);
  // A layout effect: the load starts before the busy screen paints, not a frame later.
  useLayoutEffect(() => {
    let current = true;
    if (!module.loaded) {
      module.load().then(
        () => current && setArrivals((count) => count + 1),
        (error: unknown) => current && setFailure(error),
      );
    }
    return () => {
      current = false;
    };
  }, [module]);

  if (module.loaded) return children(module.loaded);
  return (
    <main class="screen" aria-busy={failure ? undefined : 'true'}>
      <ErrorAlert message={failure ? errorText(popup.t.value, asBackgroundError(failure)) : null} />
    </main>
  );
}
