// The peers' figures, read from the benchmarks' README so that they are printed as measured there.

/** One figure of the README's peers table: "Braun Chatbot, overall" by "nlp.js 4.27" = "99.1%". */
export interface PeerFigure {
  measure: string;
  tool: string;
  value: string;
}

/** How each data set is named in the README's peers table. */
const README_NAMES: Record<string, string> = {
  "braun-chatbot": "Braun Chatbot",
  "braun-askubuntu": "Braun Ask Ubuntu",
  "braun-webapps": "Braun Web Apps",
  clinc150: "CLINC150,",
  "clinc150-small": "CLINC150-small",
  "covid-faq-stanford": "COVID FAQ",
  latency: "latency per query",
};

/** The peers table's rows for `set` (or "latency", the row for all); [] if the README has none. */
export function peersOf(readme: string, set: string): PeerFigure[] {
  const table = readme.split(/^## /m).find((section) => section.startsWith("Peers"));
  if (!table) return [];
  const rows = table
    .split("\n")
    .filter((line) => line.startsWith("|") && !/^\|[-| ]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
  const [header, ...body] = rows;
  if (!header) return [];
  const name = README_NAMES[set];
  const mine = body.filter(([measure]) => name && measure?.startsWith(name));
  return mine.flatMap(([measure, ...values]) =>
    values.map((value, i) => ({ measure: measure!, tool: header[i + 1] ?? `peer ${i + 1}`, value })),
  );
}
