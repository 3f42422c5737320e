import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { KnowledgeFile } from "../parse.ts";

export type WriteResult = { ok: true } | { ok: false; message: string };

/**
 * Writes a pack's files into `dir`, all or nothing: they go to a new folder beside it, which then
 * takes its place. A non-empty `dir` is replaced only with `force`, and only when it is a pack
 * (has a pack.yaml), so a mistyped --out never empties an unrelated folder.
 */
export function writePackFolder(
  dir: string,
  files: readonly KnowledgeFile[],
  options: { force: boolean },
): WriteResult {
  const target = resolve(dir);
  if (existsSync(target) && !statSync(target).isDirectory())
    return { ok: false, message: `${dir} is a file, not a folder: choose a folder for the pack` };
  const occupied = existsSync(target) && readdirSync(target).length > 0;
  if (occupied && !options.force) {
    return {
      ok: false,
      message: `${dir} is not empty: choose a new or empty folder, or add --force to replace the pack in it`,
    };
  }
  if (occupied && !existsSync(join(target, "pack.yaml"))) {
    return {
      ok: false,
      message: `${dir} is not empty and holds no pack.yaml: --force only replaces a knowledge pack, so choose another folder`,
    };
  }
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.import-`));
  try {
    for (const file of files) {
      const path = join(staging, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.text);
    }
    if (existsSync(target)) rmSync(target, { recursive: true });
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return { ok: true };
}
