import { existsSync, realpathSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";

/** What the studio may read and write inside a pack: its YAML files and its dev set, nothing else. */
const PACK_FILE =
  /^(?:pack|sources|vocabulary|conversation|off-topic|calibration)\.yaml$|^topics\/[a-z0-9]+(?:-[a-z0-9]+)*\.ya?ml$|^dev\.jsonl$/;

/** "topics/gift-vouchers.yaml" → the absolute path inside `packDir`; undefined for anything else ("../x", "/etc/passwd"). */
export function resolvePackPath(packDir: string, path: string): string | undefined {
  if (typeof path !== "string" || path.includes("\0") || isAbsolute(path) || path.includes("\\"))
    return undefined;
  if (!PACK_FILE.test(path)) return undefined;
  const root = resolve(packDir);
  const full = resolve(root, path);
  const rel = relative(root, full);
  if (rel.startsWith("..") || isAbsolute(rel)) return undefined;
  // A symbolic link inside the pack must not lead out of it.
  if (existsSync(full)) {
    const real = realpathSync(full);
    const realRoot = realpathSync(root);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return undefined;
  }
  return full;
}

/** "gift-vouchers" → "topics/gift-vouchers.yaml" when the id is kebab-case, else undefined. */
export function topicPath(id: string): string | undefined {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) && id.length <= 80 ? `topics/${id}.yaml` : undefined;
}
