/**
 * The values of the last `size` keys set, found by identity: a per-message memo that lets the message's
 * objects die young. A WeakMap would not: V8's scavenger keeps a WeakMap's entries alive, so every
 * message's analysis and vectors were promoted to the old generation and freed only by a full collection.
 */
export interface Recent<K extends object, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
}

export function recent<K extends object, V>(size: number): Recent<K, V> {
  const keys: Array<K | undefined> = new Array(size).fill(undefined);
  const values: Array<V | undefined> = new Array(size).fill(undefined);
  let next = 0;
  return {
    get(key) {
      for (let i = 0; i < size; i++) if (keys[i] === key) return values[i];
      return undefined;
    },
    set(key, value) {
      for (let i = 0; i < size; i++)
        if (keys[i] === key) {
          values[i] = value;
          return;
        }
      keys[next] = key;
      values[next] = value;
      next = (next + 1) % size;
    },
  };
}
