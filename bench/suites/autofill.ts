import { measureMatch } from '../autofill/match';
import { round, type Figure } from '../report';
import type { Suite } from '../suite';

// Issue #8's figures. So far the matcher's lookup; the content-script figures (menu_ready_ms,
// fill_ms, big_page_main_thread_ms) come with the content scripts.

const TARGETS: Record<string, number> = { match_us: 50 };

function targetLines(figures: readonly Figure[]): string[] {
  return figures
    .filter((figure) => TARGETS[figure.name] !== undefined)
    .map((figure) => `  ${figure.name.padEnd(12)} ${`${round(figure.value)} ${figure.unit}`.padStart(9)}   target < ${TARGETS[figure.name]} ${figure.unit}   ${figure.value < TARGETS[figure.name]! ? 'met' : 'MISSED'}`);
}

export const autofillSuite: Suite = {
  name: 'autofill',
  description: 'one match-index lookup at 100,000 entries against 1,000',
  run: async (log) => {
    const figures = measureMatch(log);
    for (const line of ['targets (issue #8):', ...targetLines(figures)]) log(line);
    return figures;
  },
};
