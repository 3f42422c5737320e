import { escapeHtml, raw, type SafeHtml } from "./html.ts";

/** Series colours with at least 3:1 contrast on white (WCAG 1.4.11 for graphics), told apart by the legend. */
export const PALETTE = ["#1f5fa8", "#b4461d", "#2d7a3e", "#6b3fa0", "#8a6d00", "#a8325e"];

export interface StackedDay {
  label: string;
  values: Record<string, number>;
}

const e = escapeHtml;

/** Stacked columns, one per day, a segment per series; a title and description for screen readers. */
export function stackedColumns(id: string, title: string, days: StackedDay[], series: string[]): SafeHtml {
  const width = 640;
  const height = 220;
  const left = 36;
  const bottom = 28;
  const max = Math.max(1, ...days.map((d) => Object.values(d.values).reduce((a, b) => a + b, 0)));
  const step = (width - left) / Math.max(1, days.length);
  const bar = Math.max(4, step * 0.7);
  const scale = (height - bottom - 10) / max;
  let out = "";
  days.forEach((day, i) => {
    let y = height - bottom;
    const x = left + i * step + (step - bar) / 2;
    series.forEach((name, s) => {
      const v = day.values[name] ?? 0;
      if (v === 0) return;
      const h = v * scale;
      y -= h;
      out += `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}" fill="${PALETTE[s % PALETTE.length]}"><title>${e(day.label)}: ${e(name)} ${v}</title></rect>`;
    });
    if (days.length <= 16 || i % 2 === 0)
      out += `<text x="${(x + bar / 2).toFixed(1)}" y="${height - 10}" text-anchor="middle" font-size="11">${e(day.label.slice(5))}</text>`;
  });
  const axis = `<line x1="${left}" y1="${height - bottom}" x2="${width}" y2="${height - bottom}" stroke="#555"/><text x="${left - 6}" y="16" text-anchor="end" font-size="11">${max}</text><text x="${left - 6}" y="${height - bottom}" text-anchor="end" font-size="11">0</text>`;
  const total = days.reduce((n, d) => n + Object.values(d.values).reduce((a, b) => a + b, 0), 0);
  return raw(
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t ${id}-d"><title id="${id}-t">${e(title)}</title><desc id="${id}-d">${total} messages over ${days.length} days; the table below lists each day.</desc>${axis}${out}</svg>${legend(series)}`,
  );
}

/** Horizontal bars with their values written beside them: rates and counts by name. */
export function horizontalBars(
  id: string,
  title: string,
  rows: Array<{ label: string; value: number; text: string }>,
  color = PALETTE[0]!,
): SafeHtml {
  const width = 640;
  const rowHeight = 26;
  const labelWidth = 190;
  const max = Math.max(1e-9, ...rows.map((r) => r.value));
  const height = rows.length * rowHeight + 8;
  const bars = rows
    .map((r, i) => {
      const y = 4 + i * rowHeight;
      const w = ((width - labelWidth - 70) * r.value) / max;
      return `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" font-size="13">${e(r.label)}</text><rect x="${labelWidth}" y="${y + 4}" width="${Math.max(0, w).toFixed(1)}" height="${rowHeight - 8}" fill="${color}"/><text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 17}" font-size="13">${e(r.text)}</text>`;
    })
    .join("");
  return raw(
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t"><title id="${id}-t">${e(title)}</title>${bars}</svg>`,
  );
}

function legend(series: string[]): string {
  return `<ul class="legend">${series.map((name, s) => `<li><span class="swatch" style="background:${PALETTE[s % PALETTE.length]}"></span>${e(name)}</li>`).join("")}</ul>`;
}
