import type { Reply } from "../reply.ts";

export interface Style {
  bold: (s: string) => string;
  dim: (s: string) => string;
  warn: (s: string) => string;
  alert: (s: string) => string;
  accent: (s: string) => string;
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
export const COLOR: Style = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  warn: wrap(33, 39),
  alert: wrap(31, 39),
  accent: wrap(36, 39),
};
export const PLAIN: Style = {
  bold: (s) => s,
  dim: (s) => s,
  warn: (s) => s,
  alert: (s) => s,
  accent: (s) => s,
};

export function styleFor(stream: NodeJS.WriteStream): Style {
  return stream.isTTY && !process.env.NO_COLOR ? COLOR : PLAIN;
}

/** A reply as a person reads it in a terminal: answer, numbered sources, disagreements, next questions. */
export function renderReply(reply: Reply, style: Style): string {
  const lines: string[] = [];
  if (reply.kind === "urgent") lines.push(style.alert(style.bold("⚠ Please act now")));
  const cites = reply.citations.map((_, i) => `[${i + 1}]`).join("");
  lines.push(
    reply.kind === "urgent" ? style.alert(reply.text) : reply.text + (cites ? ` ${style.dim(cites)}` : ""),
  );
  for (const conflict of reply.conflicts) {
    lines.push("", style.warn(style.bold(`⚠ The articles disagree: ${conflict.summary}`)));
    for (const p of conflict.positions) lines.push(style.warn(`  • ${p.title}: ${p.claim}`));
  }
  if (reply.citations.length) {
    lines.push("", style.bold("Sources"));
    for (const [i, c] of reply.citations.entries())
      lines.push(`  [${i + 1}] ${c.title}`, style.dim(`      “${c.quote}”`));
  }
  if (reply.kind === "clarify") {
    const choices = [
      ...reply.alternatives.map((a) => a.question),
      ...(reply.noneOfThese ? [reply.noneOfThese] : []),
    ];
    for (const [i, choice] of choices.entries()) lines.push(`  ${style.accent(String(i + 1))}. ${choice}`);
  } else if (reply.suggestions.length) {
    lines.push("", style.bold("You could also ask"));
    for (const [i, s] of reply.suggestions.entries()) lines.push(`  ${style.accent(String(i + 1))}. ${s}`);
  }
  return lines.join("\n");
}
