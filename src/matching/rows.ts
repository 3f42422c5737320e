/**
 * Per-feature lists side by side in typed arrays (compressed rows): a feature's row holds entries
 * `start[row]` to `start[row + 1]` of every column. One typed array per column, not one per feature:
 * thousands of small typed arrays cost a start tens of milliseconds.
 */

/**
 * Every occurrence's row, features numbered in first-seen order: one map lookup per occurrence, where
 * a map of lists (or of maps) per feature costs a build a lookup, an update and an object per feature.
 */
export interface FeatureRows {
  row: Map<string, number>;
  /** Per occurrence (the lists' features in order, end to end), its feature's row. */
  rowOf: Int32Array;
  /** Per list, where its occurrences start in rowOf; lists + 1 offsets. */
  listStart: Int32Array;
}

export function featureRows(lists: ReadonlyArray<readonly string[]>): FeatureRows {
  const listStart = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) listStart[i + 1] = listStart[i]! + lists[i]!.length;
  const row = new Map<string, number>();
  const rowOf = new Int32Array(listStart[lists.length]!);
  let k = 0;
  for (let i = 0; i < lists.length; i++) {
    const features = lists[i]!;
    for (let q = 0; q < features.length; q++) {
      const f = features[q]!;
      let r = row.get(f);
      if (r === undefined) {
        r = row.size;
        row.set(f, r);
      }
      rowOf[k++] = r;
    }
  }
  return { row, rowOf, listStart };
}

/**
 * Entries `0…count` grouped by their row (`rowOfEntry`), in their order within a row (a counting sort):
 * `start` has rows + 1 offsets into `order`, which holds entry indexes.
 */
export function groupByRow(
  rowOfEntry: Int32Array,
  count: number,
  rows: number,
): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(rows + 1);
  for (let e = 0; e < count; e++) start[rowOfEntry[e]! + 1]!++;
  for (let r = 0; r < rows; r++) start[r + 1]! += start[r]!;
  const next = start.slice(0, rows);
  const order = new Int32Array(count);
  for (let e = 0; e < count; e++) order[next[rowOfEntry[e]!]!++] = e;
  return { start, order };
}

/** Per feature index, the last message's rows: matchers sharing an index look each feature up once. */
const lastRows = new WeakMap<
  ReadonlyMap<string, number>,
  { features: readonly string[]; rows: Int32Array }
>();

/**
 * The row of each of a message's features in `index` (-1: not one of its features), in order. Naive Bayes
 * and TF-IDF read the same index: the second asks for nothing, which at tens of thousands of features is a
 * cache miss saved per feature.
 */
export function rowsOfFeatures(index: ReadonlyMap<string, number>, features: readonly string[]): Int32Array {
  let last = lastRows.get(index);
  if (last?.features === features) return last.rows;
  if (!last || last.rows.length < features.length) {
    last = { features, rows: new Int32Array(Math.max(16, 2 * features.length)) };
    lastRows.set(index, last);
  }
  last.features = features;
  const rows = last.rows;
  for (let q = 0; q < features.length; q++) rows[q] = index.get(features[q]!) ?? -1;
  return rows;
}
