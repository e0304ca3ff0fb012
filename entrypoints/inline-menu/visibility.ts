// The browser's own word on whether the menu can be seen (docs/autofill.md, "The inline menu"):
// Chromium's IntersectionObserver v2 (`trackVisibility`) reports a frame as visible only when
// nothing covers it — a decoy that lets clicks through included, from any tree, shadow roots too —
// and nothing fades, filters or transforms it or its frame in the page. The content script's checks
// see only what the page's DOM shows it; this sees what is painted. Where the browser has no such
// observer (Firefox), the content script's checks stand alone.

type VisibilityEntry = IntersectionObserverEntry & { isVisible?: boolean };

/** How long a fill waits for the observer's first report (it reports at most every 100 ms). */
const FIRST_REPORT_MS = 500;

const supported = typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

/** Follows whether `target` is visible as painted; `seen()` says whether it is now. */
export function trackVisibility(target: Element) {
  let visible: boolean | null = null;
  // Where the browser cannot tell, the page counts as shown from load.
  let visibleSince: number | null = supported ? null : performance.now();
  const waiting: (() => void)[] = [];
  if (supported) {
    const options = { threshold: [1], trackVisibility: true, delay: 100 } as IntersectionObserverInit;
    const observer = new IntersectionObserver((entries) => {
      visible = (entries.at(-1) as VisibilityEntry | undefined)?.isVisible === true;
      visibleSince = visible ? (visibleSince ?? performance.now()) : null;
      for (const resume of waiting.splice(0)) resume();
    }, options);
    observer.observe(target);
  }
  async function firstReport(): Promise<void> {
    if (supported && visible === null) await new Promise<void>((resume) => (waiting.push(resume), setTimeout(resume, FIRST_REPORT_MS)));
  }
  return {
    supported,
    /** Whether the browser vouches that the menu is wholly visible now (true where it cannot tell). */
    async seen(): Promise<boolean> {
      await firstReport();
      return !supported || visible === true;
    },
    /**
     * Whether it has been visible without a break for `ms` at least: a frame that appears unasked (the
     * save bar) must not take a click the user aimed at the page a moment before — a page that knows
     * when the bar appears could time it under one.
     */
    async seenFor(ms: number): Promise<boolean> {
      await firstReport();
      return visibleSince !== null && (!supported || visible === true) && performance.now() - visibleSince >= ms;
    },
  };
}
