// An in-process signal that events were appended, so a consumer of the log (syslog forwarding)
// wakes at once instead of polling the table. Only a hint: appends inside a caller's transaction
// signal before their commit, and other instances append unseen, so consumers still poll slowly.

type Listener = () => void;

const listeners = new Set<Listener>();

/** Calls `listener` after each append in this process; returns the function that stops it. */
export function onEventsAppended(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the listeners; a failing listener cannot fail the append that told it. */
export function signalEventsAppended(): void {
  for (const listener of listeners) {
    try {
      listener();
    } catch {
      // A listener only schedules work; its errors are its own.
    }
  }
}
