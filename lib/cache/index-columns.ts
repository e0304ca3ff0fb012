// Per-row numbers of the vault index in typed arrays, indexed by slot: a search reads them in order
// from a few contiguous buffers instead of chasing one object per entry (at 100,000 entries the
// cache misses, not the comparisons, are what a keystroke costs).

/** Field ends of a row, relative to the row's start in its block text; order and trash flag. */
export class IndexColumns {
  /** Where the row starts in its block's text. */
  textStart = new Int32Array(0);
  nameEnd = new Int32Array(0);
  loginEnd = new Int32Array(0);
  urlEnd = new Int32Array(0);
  /** The row's rank among equals (favourite, then name): see vault-index.ts. */
  order = new Float64Array(0);
  trashed = new Uint8Array(0);

  /** Makes room for `rows` rows, doubling so appends stay amortised O(1). */
  reserve(rows: number): void {
    if (rows <= this.order.length) return;
    const capacity = Math.max(rows, this.order.length * 2, 64);
    this.textStart = grown(this.textStart, new Int32Array(capacity));
    this.nameEnd = grown(this.nameEnd, new Int32Array(capacity));
    this.loginEnd = grown(this.loginEnd, new Int32Array(capacity));
    this.urlEnd = grown(this.urlEnd, new Int32Array(capacity));
    this.order = grown(this.order, new Float64Array(capacity));
    this.trashed = grown(this.trashed, new Uint8Array(capacity));
  }

  /** Copies row `from` into row `to` (a swap-remove); textStart is rebuilt with the block. */
  move(from: number, to: number): void {
    this.nameEnd[to] = this.nameEnd[from]!;
    this.loginEnd[to] = this.loginEnd[from]!;
    this.urlEnd[to] = this.urlEnd[from]!;
    this.order[to] = this.order[from]!;
    this.trashed[to] = this.trashed[from]!;
  }
}

function grown<T extends Int32Array | Float64Array | Uint8Array>(old: T, bigger: T): T {
  bigger.set(old as never);
  return bigger;
}
