/** One measured figure, printed as `bench <suite>.<name> <value> <unit>`. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

/** The median of `samples` (which must not be empty). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Rounds for display: three significant figures, but never scientific notation. */
export function round(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return Number(value.toFixed(digits));
}

/** The machine-readable lines, one per figure, exactly as design.md §7 fixes their form. */
export function figureLines(suite: string, figures: readonly Figure[]): string[] {
  return figures.map((figure) => `bench ${suite}.${figure.name} ${round(figure.value)} ${figure.unit}`);
}
