/**
 * Per-feature lists side by side in typed arrays (compressed rows): `row` maps a feature to its row,
 * whose entries are `start[row]` to `start[row + 1]` of every column. One typed array per column, not
 * one per feature: thousands of small typed arrays cost a start tens of milliseconds.
 */
export interface Rows {
  row: ReadonlyMap<string, number>;
  /** rows + 1 offsets; the last is the number of entries. */
  start: Int32Array;
}

/** Rows for `lists`, in their order; `length` says how many entries a list holds. */
export function rowsOf<T>(lists: ReadonlyMap<string, T>, length: (list: T) => number): Rows {
  const row = new Map<string, number>();
  const start = new Int32Array(lists.size + 1);
  let r = 0;
  // forEach, not `for (const [key, list] of …)`: destructuring walks an iterator per entry in cold code.
  lists.forEach((list, key) => {
    row.set(key, r);
    start[r + 1] = start[r]! + length(list);
    r++;
  });
  return { row, start };
}

/** One column of `lists` (`pick` reads it from a list) copied into `into`, laid out by `rows`. */
export function fillColumn<T, A extends Int32Array | Float64Array>(
  lists: ReadonlyMap<string, T>,
  rows: Rows,
  into: A,
  pick: (list: T) => readonly number[],
): A {
  let r = 0;
  for (const list of lists.values()) into.set(pick(list), rows.start[r++]!);
  return into;
}
