import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SHIPPED_PACK } from "./support/spec.ts";

// The engine serves any pack: src/ must not know the shipped one. Topic ids may not appear as string
// literals (single-word ids such as "pain" are ordinary English elsewhere), hyphenated ids and the
// pack's subject names and demo clinic not at all, comments included.
const pack = parse(readFileSync(join(SHIPPED_PACK, "pack.yaml"), "utf8")) as {
  subjects: Array<{ id: string; names: string[] }>;
  demo_contact: { name: string; email?: string; booking_url?: string };
};
const topicIds = readdirSync(join(SHIPPED_PACK, "topics")).map((f) => f.replace(/\.ya?ml$/, ""));
const subjectWords = [
  ...new Set(
    pack.subjects.flatMap((s) => [s.id, ...s.names]).filter((n) => n.replace(/[^a-z]/gi, "").length > 4),
  ),
];
const clinicWords = [pack.demo_contact.name.split(" ")[0]!];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|yaml|txt|json)$/.test(name) ? [path] : [];
  });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("src/ knows no pack", () => {
  const sources = files("src").map((path) => ({ path, text: readFileSync(path, "utf8") }));

  it("scans the whole of src/, code and language data", () => {
    expect(sources.length).toBeGreaterThan(50);
  });

  it("names no topic id of the shipped pack as a string, and no hyphenated one at all", () => {
    const found: string[] = [];
    for (const { path, text } of sources) {
      for (const id of topicIds) {
        const quoted = new RegExp(`["'\`]${escapeRegExp(id)}["'\`]`);
        const bare = id.includes("-") ? new RegExp(`\\b${escapeRegExp(id)}\\b`) : undefined;
        if (quoted.test(text) || bare?.test(text)) found.push(`${path}: ${id}`);
      }
    }
    expect(found).toEqual([]);
  });

  it("names no subject of the shipped pack and not its demo clinic", () => {
    const found: string[] = [];
    for (const { path, text } of sources) {
      for (const word of [...subjectWords, ...clinicWords]) {
        if (new RegExp(`\\b${escapeRegExp(word)}\\b`, "i").test(text)) found.push(`${path}: ${word}`);
      }
    }
    expect(found).toEqual([]);
  });
});
