import { measureFill } from '../autofill/fill';
import { measureMatch } from '../autofill/match';
import { round, type Figure } from '../report';
import type { Suite } from '../suite';

// Issue #8's figures: the matcher's lookup, and the inline menu and filling in real Chromium.

const TARGETS: Record<string, number> = { match_us: 50, menu_ready_ms: 150, fill_ms: 50, big_page_main_thread_ms: 100 };

function targetLines(figures: readonly Figure[]): string[] {
  return figures
    .filter((figure) => TARGETS[figure.name] !== undefined)
    .map((figure) => `  ${figure.name.padEnd(24)} ${`${round(figure.value)} ${figure.unit}`.padStart(9)}   target < ${TARGETS[figure.name]} ${figure.unit}   ${figure.value < TARGETS[figure.name]! ? 'met' : 'MISSED'}`);
}

export const autofillSuite: Suite = {
  name: 'autofill',
  description: 'one match-index lookup at 100,000 entries against 1,000; filling in Chromium',
  run: async (log) => {
    const figures = [...measureMatch(log), ...(await measureFill(log))];
    for (const line of ['targets (issue #8):', ...targetLines(figures)]) log(line);
    return figures;
  },
};
