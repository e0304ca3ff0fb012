import { computed, signal } from '@preact/signals';
import { resolveLanguage } from '../../lib/i18n/languages';
import { translator } from '../../lib/i18n/translate';
import type { PageReplies, PageRequest, StatusReply } from '../../lib/messages/protocol';
import { ask, BackgroundError } from '../../lib/messages/send';
import { fetchFirstEntries, firstEntriesRequest, type FirstEntries } from './entry-search';
import type { PopupEnvironment } from './popup-environment';

type StatusRequestType = { [K in keyof PageReplies]: PageReplies[K] extends StatusReply ? K : never }[keyof PageReplies];

/** A request the background answers with its new status (sign-in, unlock, lock, settings…). */
export type StatusRequest = Extract<PageRequest, { type: StatusRequestType }>;

/**
 * The popup's view of the background: its status (which decides the screen), the language it
 * speaks, and how to send requests. Every screen receives this model.
 */
export function createPopupModel(environment: PopupEnvironment) {
  const status = signal<StatusReply | null>(null);
  const loadError = signal<BackgroundError | null>(null);
  const language = computed(() => resolveLanguage(status.value?.language ?? 'auto', environment.browserLanguages));
  const t = computed(() => translator(language.value));

  let firstEntries: FirstEntries | null = null;

  async function load(beforeShowing?: (next: StatusReply) => Promise<unknown>): Promise<void> {
    try {
      const next = await ask(environment.runtime, { type: 'status' });
      await beforeShowing?.(next);
      status.value = next;
      loadError.value = null;
    } catch (error) {
      loadError.value = asBackgroundError(error);
    }
  }

  /** Reads the background's status again, which picks the screen. */
  function refresh(): Promise<void> {
    return load();
  }

  /**
   * Opens the popup. The active tab's first entries are asked for together with the status, not
   * after it and a render (issue #6, popup_ready_ms); an unlocked popup waits for them, so the
   * entry list's first render already holds them.
   */
  function start(): Promise<void> {
    const first = fetchFirstEntries(environment).then((entries) => void (firstEntries = entries));
    return load((next) => (next.state === 'unlocked' ? first : Promise.resolve()));
  }

  /** The entries `start` received, handed out once (an unlock brings its own); null when there are none. */
  function takeFirstEntries(): FirstEntries | null {
    const taken = firstEntries;
    firstEntries = null;
    return taken;
  }

  /** Sends `message` and returns its reply; throws BackgroundError. A lost session re-reads the status so the right screen shows. */
  async function request<R extends PageRequest>(message: R): Promise<PageReplies[R['type']]> {
    try {
      return await ask(environment.runtime, message);
    } catch (error) {
      const failure = asBackgroundError(error);
      // The worker locked (idle timer, another window) or lost the session while this screen was open.
      // Or the organisation requires a second factor first: the status then shows the enrolment.
      if (failure.code === 'locked' || failure.code === 'signedOut' || failure.code === 'mfaEnrolmentRequired') await refresh();
      throw failure;
    }
  }

  /** Sends a request whose reply is the new status and shows that state; throws BackgroundError. */
  async function act(message: StatusRequest): Promise<StatusReply> {
    const next = (await request(message)) as StatusReply;
    status.value = next;
    return next;
  }

  /**
   * Unlocks with the active tab's first entries asked for in the same request, so the list's first
   * render holds them without another round trip to the worker (issue #6, unlock_ratio).
   */
  async function unlock(masterPassword: string): Promise<StatusReply> {
    const tab = await environment.activeTab().catch(() => undefined);
    const { entries, ...next } = await request({ type: 'session.unlock', masterPassword, firstEntries: firstEntriesRequest(tab?.origin) });
    if (entries) firstEntries = { tab, reply: entries };
    status.value = next;
    return next;
  }

  return { environment, status, loadError, language, t, start, refresh, takeFirstEntries, request, act, unlock };
}

/** The popup's model; see createPopupModel. */
export type PopupModel = ReturnType<typeof createPopupModel>;

/** `error` as a BackgroundError: anything else (a closed port, a bug) becomes `internal`. */
export function asBackgroundError(error: unknown): BackgroundError {
  if (error instanceof BackgroundError) return error;
  return new BackgroundError({ code: 'internal', message: error instanceof Error ? error.message : String(error) });
}
