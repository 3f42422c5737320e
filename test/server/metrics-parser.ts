/** A small parser for the Prometheus text exposition format, strict enough to catch malformed output. */
export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface ParsedExposition {
  help: Map<string, string>;
  types: Map<string, string>;
  samples: ParsedSample[];
  /** The first sample named `name` whose labels include `labels`, or undefined. */
  value(name: string, labels?: Record<string, string>): number | undefined;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/;
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);

function parseLabels(text: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf("=", i);
    const name = text.slice(i, eq);
    if (eq < 0 || !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name) || text[eq + 1] !== '"') {
      throw new Error(`line ${line}: bad label at "${text.slice(i)}"`);
    }
    let value = "";
    let j = eq + 2;
    for (; j < text.length && text[j] !== '"'; j++) {
      if (text[j] === "\\") {
        const next = text[++j];
        if (next === "n") value += "\n";
        else if (next === "\\" || next === '"') value += next;
        else throw new Error(`line ${line}: bad escape \\${next}`);
      } else value += text[j];
    }
    if (text[j] !== '"') throw new Error(`line ${line}: unterminated label value`);
    labels[name] = value;
    i = j + 1;
    if (text[i] === ",") i += 1;
    else if (i < text.length) throw new Error(`line ${line}: expected "," after a label`);
  }
  return labels;
}

function parseValue(text: string, line: number): number {
  if (text === "+Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  if (text === "NaN") return Number.NaN;
  const value = Number(text);
  if (text === "" || Number.isNaN(value)) throw new Error(`line ${line}: bad value "${text}"`);
  return value;
}

// A sample belongs to the family it names, or to a histogram's family through _bucket/_sum/_count.
function familyOf(name: string, types: Map<string, string>): string | undefined {
  if (types.has(name)) return name;
  const base = name.replace(/_(bucket|sum|count)$/, "");
  return types.get(base) === "histogram" || types.get(base) === "summary" ? base : undefined;
}

/** Throws on anything malformed: unknown lines, samples before their TYPE, duplicate TYPE lines. */
export function parseExposition(text: string): ParsedExposition {
  if (!text.endsWith("\n")) throw new Error("the exposition must end with a newline");
  const help = new Map<string, string>();
  const types = new Map<string, string>();
  const samples: ParsedSample[] = [];
  text
    .slice(0, -1)
    .split("\n")
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.startsWith("# HELP ")) {
        const [name = "", ...rest] = raw.slice(7).split(" ");
        if (!NAME.test(name)) throw new Error(`line ${line}: bad metric name in HELP`);
        help.set(name, rest.join(" "));
      } else if (raw.startsWith("# TYPE ")) {
        const [name = "", type = "", extra] = raw.slice(7).split(" ");
        if (!NAME.test(name) || !TYPES.has(type) || extra !== undefined)
          throw new Error(`line ${line}: bad TYPE`);
        if (types.has(name)) throw new Error(`line ${line}: second TYPE for ${name}`);
        types.set(name, type);
      } else if (raw.startsWith("#") || raw === "") {
        throw new Error(`line ${line}: unexpected "${raw}"`);
      } else {
        const match = SAMPLE.exec(raw);
        if (!match) throw new Error(`line ${line}: not a sample: "${raw}"`);
        const [, name = "", , labelText = "", valueText = ""] = match;
        if (!familyOf(name, types)) throw new Error(`line ${line}: sample ${name} before its TYPE line`);
        samples.push({ name, labels: parseLabels(labelText, line), value: parseValue(valueText, line) });
      }
    });
  return {
    help,
    types,
    samples,
    value(name, labels = {}) {
      return samples.find(
        (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
      )?.value;
    },
  };
}
