import { createHash } from "node:crypto";
import { open, readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// Where a pack's index cache file lives, with no dependency beyond Node: a start reads it while the rest loads.

/** Beside the installed packages, where build tools keep their caches; `git clean` and `npm ci` clear it. */
export const INDEX_CACHE_DIR = fileURLToPath(
  new URL("../../node_modules/.cache/faq-index/", import.meta.url),
);

/** A pack's file names start with a hash of its folder; the key's prefix follows. */
export const packPrefix = (packDir: string) =>
  `${createHash("sha256").update(resolve(packDir)).digest("hex").slice(0, 12)}-`;

export const cacheFileFor = (packDir: string, key: string, dir: string) => {
  const prefix = packPrefix(packDir);
  return { prefix, path: join(dir, `${prefix}${key.slice(0, 24)}.bin`) };
};

/** A cache file's bytes, read ahead of knowing whether its key is still the pack's. */
export interface PrefetchedIndexCache {
  path: string;
  bytes: Buffer;
}

/**
 * Reads the pack's index cache file (a write keeps one per pack) without blocking, so the disk works
 * while the server's modules load; undefined when there is none or it cannot be read. Whether it is
 * still the pack's is decided when the key is known, as for a file read then.
 */
export async function prefetchIndexCache(
  packDir: string,
  dir: string = INDEX_CACHE_DIR,
): Promise<PrefetchedIndexCache | undefined> {
  try {
    const prefix = packPrefix(packDir);
    const names = (await readdir(dir)).filter((name) => name.startsWith(prefix) && name.endsWith(".bin"));
    if (names.length !== 1) return undefined;
    const path = join(dir, names[0]!);
    // One read of the whole file: readFile's chunks would each wait for the loading thread's next turn.
    const file = await open(path);
    try {
      const { size } = await file.stat();
      const bytes = Buffer.allocUnsafe(size);
      const { bytesRead } = await file.read(bytes, 0, size, 0);
      return bytesRead === size ? { path, bytes } : undefined;
    } finally {
      await file.close();
    }
  } catch {
    return undefined;
  }
}
