import { extractQuantities, type KnowledgeBase, type Quantity, rangesAgree } from "../../knowledge/index.ts";
import type { StudioContext } from "./context.ts";
import { STUDIO_DEFAULTS } from "./defaults.ts";

/** A figure an existing article gives in a topic, with the quote and claim it comes from. */
export interface PackFigure {
  source: string;
  quote: string;
  claim: string;
  quantity: Quantity;
}

/** One figure of the new article against the same kind of figures the pack's articles give in a topic. */
export interface Finding {
  topic: string;
  kind: "agrees" | "disagrees";
  /** The new article's figure, as written. */
  figure: string;
  /** Articles with a figure it agrees with. */
  agreesWith: Array<{ source: string; figure: string }>;
  /** Articles none of whose figures agree with it: each one's first figure, its quote and claim. */
  disagreesWith: Array<{ source: string; figure: string; quote: string; claim: string }>;
}

export interface SentenceProposal {
  index: number;
  text: string;
  /** The sentence cut to the validator's quote limit: words copied exactly. */
  quote: string;
  quantities: Array<{ text: string; dimension: string; min: number; max: number }>;
  topics: Array<{ id: string; question: string; confidence: number }>;
  findings: Finding[];
}

export interface IntakeAnalysis {
  title: string;
  sentences: SentenceProposal[];
  /** A free source id suggested from the title. */
  suggestedId: string;
}

/** "A. B? C" → ["A.", "B?", "C"], paragraphs and line breaks ending sentences too. */
export function splitSentences(text: string): string[] {
  return (text.match(/[^.!?\n]+(?:[.!?]+["'”’)\]]*|(?=\n)|$)/g) ?? [])
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** The first `max` words of `sentence`, unchanged (so still a verbatim quote). */
export function quoteOf(sentence: string, max = STUDIO_DEFAULTS.maxQuoteWords): string {
  const words = sentence.split(/\s+/);
  return words.length <= max ? sentence : words.slice(0, max).join(" ");
}

/** Every figure each article gives in `topic`'s quotes (claims and conflict positions). */
export function figuresOf(kb: KnowledgeBase, topicId: string): PackFigure[] {
  const topic = kb.topicById.get(topicId);
  if (!topic) return [];
  const out: PackFigure[] = [];
  for (const claim of topic.claims) {
    for (const s of claim.support)
      for (const quantity of extractQuantities(s.quote))
        out.push({ source: s.source, quote: s.quote, claim: claim.statement, quantity });
  }
  for (const conflict of topic.conflicts) {
    for (const p of conflict.positions)
      for (const quantity of extractQuantities(p.quote))
        out.push({ source: p.source, quote: p.quote, claim: p.claim, quantity });
  }
  return out;
}

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .split("-")
    .slice(0, 4)
    .join("-") || "article";

/**
 * Reads a new article as the pack would: each sentence's topics (the bot's own matching), its figures,
 * and where they agree or disagree with the figures the pack's articles already give on those topics.
 */
export function analyzeArticle(ctx: StudioContext, kb: KnowledgeBase, text: string): IntakeAnalysis {
  const [first = "", ...rest] = text.replace(/\r\n?/g, "\n").split("\n");
  const title = first.replace(/^\uFEFF/, "").trim();
  const engine = ctx.explainer(kb);
  const sentences = splitSentences(rest.join("\n")).map((sentence, index): SentenceProposal => {
    const quantities = extractQuantities(sentence);
    const candidates = engine
      .explain({ text: sentence })
      .trace.candidates.filter(
        (c) => kb.topicById.has(c.label) && c.confidence >= STUDIO_DEFAULTS.intakeMinConfidence,
      );
    const best = candidates[0]?.confidence ?? 0;
    const topics = candidates
      .filter((c) => c.confidence >= best - STUDIO_DEFAULTS.intakeRunnerUpMargin)
      .slice(0, STUDIO_DEFAULTS.intakeTopicsPerSentence)
      .map((c) => ({
        id: c.label,
        question: kb.topicById.get(c.label)!.question,
        confidence: Math.round(c.confidence * 100) / 100,
      }));
    const findings: Finding[] = [];
    for (const topic of topics) {
      const figures = figuresOf(kb, topic.id);
      for (const q of quantities) {
        const sameKind = figures.filter((f) => f.quantity.dimension === q.dimension);
        if (sameKind.length === 0) continue;
        const finding: Finding = {
          topic: topic.id,
          kind: "agrees",
          figure: q.text,
          agreesWith: [],
          disagreesWith: [],
        };
        for (const source of new Set(sameKind.map((f) => f.source))) {
          const theirs = sameKind.filter((f) => f.source === source);
          const agreeing = theirs.find((f) => rangesAgree(q, f.quantity));
          if (agreeing) finding.agreesWith.push({ source, figure: agreeing.quantity.text });
          else
            finding.disagreesWith.push({
              source,
              figure: theirs[0]!.quantity.text,
              quote: theirs[0]!.quote,
              claim: theirs[0]!.claim,
            });
        }
        if (finding.disagreesWith.length > 0) finding.kind = "disagrees";
        findings.push(finding);
      }
    }
    return {
      index,
      text: sentence,
      quote: quoteOf(sentence),
      quantities: quantities.map((q) => ({ text: q.text, dimension: q.dimension, min: q.min, max: q.max })),
      topics,
      findings,
    };
  });
  let suggestedId = slug(title);
  for (let n = 2; kb.sources.has(suggestedId); n++) suggestedId = `${slug(title)}-${n}`;
  return { title, sentences, suggestedId };
}
