import { round, type Figure } from '../report';

// The targets of issues #6 and #7 for the extension figures, checked in the human-readable table
// only: a benchmark reports, it never fails a build (design §6).

interface Target {
  /** The figure must stay at or below (`max`) or strictly below (`below`) this value. */
  max?: number;
  below?: number;
}

const TARGETS: Record<string, Target> = {
  unlock_ratio: { max: 1.3 },
  unlock_ratio_1k: { max: 1.3 },
  popup_ready_ms: { below: 150 },
  search_ms: { below: 16 },
  sw_heap_mb: { below: 40 },
  popup_js_kb: { below: 150 },
  vault_page_ready_ms: { below: 300 },
  zip_kb_chrome: { below: 1500 },
  zip_kb_edge: { below: 1500 },
  zip_kb_firefox: { below: 1500 },
};

function verdict(value: number, target: Target): string {
  if (target.max !== undefined) return value <= target.max ? 'met' : 'MISSED';
  return value < target.below! ? 'met' : 'MISSED';
}

/** One line per targeted figure — value, target, met or MISSED — and whether unlock grows with the vault. */
export function targetTable(figures: readonly Figure[]): string[] {
  const lines = ['targets (issues #6 and #7):'];
  for (const figure of figures) {
    const target = TARGETS[figure.name];
    if (!target) continue;
    const bound = target.max !== undefined ? `≤ ${target.max}` : `< ${target.below}`;
    lines.push(`  ${figure.name.padEnd(19)} ${`${round(figure.value)} ${figure.unit}`.padStart(10)}   target ${`${bound} ${figure.unit}`.padEnd(10)} ${verdict(figure.value, target)}`);
  }
  const large = figures.find((figure) => figure.name === 'unlock_ratio');
  const small = figures.find((figure) => figure.name === 'unlock_ratio_1k');
  if (large && small) lines.push(`  unlock at 10,000 entries against 1,000: ${round(large.value / small.value)}x the ratio (it should not grow with the vault)`);
  return lines;
}
