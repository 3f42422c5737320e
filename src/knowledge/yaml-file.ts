import { createRequire } from "node:module";
import type * as Yaml from "yaml";
import type { Document, LineCounter } from "yaml";
import type { ZodIssue, ZodType, ZodTypeDef } from "zod";
import type { IssueSeverity, KnowledgeIssue } from "./types.ts";

let yamlModule: typeof Yaml | undefined;
/** The yaml package, required on first use: a start that reads its pack from the index cache never loads it. */
export const yaml = (): typeof Yaml => (yamlModule ??= createRequire(import.meta.url)("yaml") as typeof Yaml);

export type YamlPath = ReadonlyArray<string | number>;

/** One parsed YAML file that can point any issue at the line and column of the node it is about. */
export class YamlFile {
  readonly path: string;
  readonly doc: Document;
  private readonly lines: LineCounter;

  constructor(path: string, text: string) {
    this.path = path;
    this.lines = new (yaml().LineCounter)();
    this.doc = yaml().parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
  }

  /** 1-based line and column of a character offset. */
  position(offset: number): { line: number; column: number } {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /** Where the node at `path` starts; falls back to its nearest existing ancestor, then line 1. */
  locate(path: YamlPath): { line: number; column: number } {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, depth), true);
      if (yaml().isNode(node) && node.range) return this.position(node.range[0]);
    }
    return { line: 1, column: 1 };
  }

  /** Where the key `key` of the map at `path` is written: `phrasingz:` → that word. */
  locateKey(path: YamlPath, key: string): { line: number; column: number } {
    const map = path.length === 0 ? this.doc.contents : this.doc.getIn(path, true);
    const { isMap, isScalar } = yaml();
    if (isMap(map)) {
      for (const pair of map.items) {
        if (isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) {
          return this.position(pair.key.range[0]);
        }
      }
    }
    return this.locate(path);
  }

  issue(code: string, path: YamlPath, message: string, severity: IssueSeverity = "error"): KnowledgeIssue {
    return { severity, code, file: this.path, message, ...this.locate(path) };
  }

  syntaxIssues(): KnowledgeIssue[] {
    return this.doc.errors.map((error) => ({
      severity: "error",
      code: "yaml-syntax",
      file: this.path,
      ...this.position(error.pos[0]),
      message: `YAML syntax error (${error.code}): ${error.message.split("\n")[0]}; fix the indentation, quotes or brackets here`,
    }));
  }

  /** Validates the file's shape; returns the typed value, or the issues with their positions. */
  decode<T>(
    schema: ZodType<T, ZodTypeDef, unknown>,
  ): { ok: true; value: T } | { ok: false; issues: KnowledgeIssue[] } {
    const result = schema.safeParse(this.doc.toJS() ?? undefined);
    if (result.success) return { ok: true, value: result.data };
    return { ok: false, issues: result.error.issues.flatMap((issue) => this.fromZod(issue)) };
  }

  private fromZod(issue: ZodIssue): KnowledgeIssue[] {
    const path = issue.path;
    const where = describePath(path);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        severity: "error",
        code: "unknown-field",
        file: this.path,
        ...this.locateKey(path, key),
        message: `unknown field '${key}'${path.length ? ` in ${where}` : ""}: check its spelling against knowledge/README.md, or remove it`,
      }));
    }
    if (issue.code === "invalid_type" && issue.received === "undefined") {
      const field = String(path[path.length - 1]);
      const parent = path.slice(0, -1);
      const inside = parent.length ? ` in ${describePath(parent)}` : "";
      return [this.issue("missing-field", parent, `missing field '${field}'${inside}: add it`)];
    }
    if (issue.code === "invalid_type") {
      const got = issue.received === "null" ? "nothing" : `a ${issue.received}`;
      return [
        this.issue(
          "wrong-type",
          path,
          `${where || "the file"} should be ${article(issue.expected)}, but it is ${got}: see knowledge/README.md for the format`,
        ),
      ];
    }
    return [this.issue("wrong-type", path, `${where || "the file"}: ${issue.message}`)];
  }
}

/** ["claims", 2, "support", 0, "quote"] → "claims[2].support[0].quote" */
export function describePath(path: YamlPath): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join("");
}

function article(expected: string): string {
  const names: Record<string, string> = {
    array: "a list",
    object: "a map of `key: value` lines",
    string: "text",
    number: "a number",
  };
  return names[expected] ?? expected;
}
