// The Prometheus text exposition format (version 0.0.4), just the parts /metrics needs.

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  /** Defaults to the family name; histograms add _bucket, _sum and _count. */
  name?: string;
  labels?: Labels;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: "counter" | "gauge" | "histogram";
  samples: Sample[];
}

// 'say "hi"\n' => 'say \"hi\"\n' (backslash, double quote and newline are escaped)
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

// HELP text escapes only backslash and newline.
function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

// 1 => "1", Infinity => "+Inf", 0.1 + 0.2 => "0.30000000000000004"
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}

// { channel: "web", kind: "answer" } => '{channel="web",kind="answer"}'
export function formatLabels(labels: Labels | undefined): string {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return "";
  return `{${entries.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(",")}}`;
}

/** Families → exposition text, each with its HELP and TYPE lines, ending in a newline. */
export function renderExposition(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    lines.push(`# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      lines.push(`${sample.name ?? family.name}${formatLabels(sample.labels)} ${formatValue(sample.value)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** A series' key: its label values in `labelNames` order (built on every request, so no JSON). */
function seriesKey(labelNames: readonly string[], labels: Labels): string {
  let key = "";
  for (const name of labelNames) key += `${labels[name] ?? ""}\u0000`;
  return key;
}

function orderedLabels(labelNames: readonly string[], labels: Labels): Labels {
  return Object.fromEntries(labelNames.map((n) => [n, labels[n] ?? ""]));
}

/** A labelled counter: inc({ channel: "web" }). Label order is the order of `labelNames`. */
export class Counter {
  private readonly values = new Map<string, { labels: Labels; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly string[] = [],
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = seriesKey(this.labelNames, labels);
    let entry = this.values.get(key);
    if (!entry) {
      entry = { labels: orderedLabels(this.labelNames, labels), value: 0 };
      this.values.set(key, entry);
    }
    entry.value += by;
  }

  get(labels: Labels = {}): number {
    return this.values.get(seriesKey(this.labelNames, labels))?.value ?? 0;
  }

  family(): MetricFamily {
    const samples = [...this.values.values()].map(({ labels, value }) => ({ labels, value }));
    return { name: this.name, help: this.help, type: "counter", samples };
  }
}

/** A histogram with cumulative `le` buckets, one series per label set. */
export class Histogram {
  private readonly series = new Map<
    string,
    { labels: Labels; counts: number[]; sum: number; count: number }
  >();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[],
    private readonly labelNames: readonly string[] = [],
  ) {}

  observe(labels: Labels, value: number): void {
    const key = seriesKey(this.labelNames, labels);
    let entry = this.series.get(key);
    if (!entry) {
      entry = {
        labels: orderedLabels(this.labelNames, labels),
        counts: this.buckets.map(() => 0),
        sum: 0,
        count: 0,
      };
      this.series.set(key, entry);
    }
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) entry.counts[i]! += 1;
    entry.sum += value;
    entry.count += 1;
  }

  family(): MetricFamily {
    const samples: Sample[] = [];
    for (const { labels, counts, sum, count } of this.series.values()) {
      this.buckets.forEach((bound, i) => {
        samples.push({
          name: `${this.name}_bucket`,
          labels: { ...labels, le: formatValue(bound) },
          value: counts[i]!,
        });
      });
      samples.push({ name: `${this.name}_bucket`, labels: { ...labels, le: "+Inf" }, value: count });
      samples.push({ name: `${this.name}_sum`, labels, value: sum });
      samples.push({ name: `${this.name}_count`, labels, value: count });
    }
    return { name: this.name, help: this.help, type: "histogram", samples };
  }
}
