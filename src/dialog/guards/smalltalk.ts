import type { KnowledgeBase } from "../../knowledge/types.ts";
import type { PatternSet } from "../../lang/patterns.ts";
import type { Analysis } from "../../matching/analyze.ts";
import {
  type Candidate,
  type ConversationalMatch,
  closestInWords,
  nearestConversational,
} from "../../matching/index.ts";
import { stem } from "../../matching/natural.ts";
import { normalizeText, splitWords } from "../../matching/normalize.ts";
import { askingClause, asksInAnyClause, asksSomething, clausesOf, questionStart } from "./asks.ts";
import { asksBackOnly, leansBack, ranksAsPleasantry } from "./follow-up.ts";
import type { Guard, GuardOutcome } from "./guard.ts";

/** When a pleasantry is what the message says: how near it must be, and how much of the message it is. */
export const SMALLTALK = Object.freeze({
  /** TF-IDF cosine to one of the pack's smalltalk phrasings. */
  lexical: 0.5,
  /** Share of the message's content words that smalltalk phrasings use ("ok thanks" → 1). */
  pleasantry: 0.5,
  /** Or: every content word a pleasantry's, with at least `looseLexical` (or this near in meaning: "how are
   * you today"), unless a topic is nearer in words. */
  allPleasantry: 0.99,
  allPleasantrySemantic: 0.65,
  /** Or: this near in meaning, with at least `looseLexical`, when no topic fits at all. */
  semantic: 0.85,
  looseLexical: 0.3,
  /** Sharing only question words, a message must share more than this (Jaccard) with some pleasantry. */
  questionOnlyOverlap: 0.5,
  /** Right after advice to act, a pleasantry this near (words, meaning) that asks nothing closes the exchange. */
  closingLexical: 0.25,
  closingSemantic: 0.5,
  /** A topic must beat the pleasantry's lexical nearness by this to take the message. */
  topicLead: 0.05,
  /** Ranked first with no topic near, a pleasantry the ranker finds this plausible is taken. */
  rankedAlone: 0.2,
  /** A pleasantry opening or closing a message that asks nothing: how near (TF-IDF) its words are to one… */
  framing: 0.8,
  /** …while no topic is this sure of a statement that asks nothing ("hello, my name is Margaret and I'm 76"). */
  framedTopic: 0.5,
  /** A pleasantry said in clauses is short: a longer message tells something ("hi, my face is…"). */
  clausedWords: 12,
  /** …each of its clauses at least this much in the pack's pleasantries' words. */
  clausePleasantry: 0.5,
});

type Smalltalk = ReadonlyArray<{ phrasings: readonly string[] }>;

/** `compute` once per key (a pack's or a language's own objects, which never change once built). */
/** A pleasantry's reading, not a request for a person's. */
const isPleasantry = (match: ConversationalMatch) => match.label.startsWith("smalltalk:");

function perObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const kept = new WeakMap<K, V>();
  return (key) => {
    if (!kept.has(key)) kept.set(key, compute(key));
    return kept.get(key)!;
  };
}

/** Each pleasantry phrasing's words. */
const phrasingWords = perObject(
  (smalltalk: Smalltalk): ReadonlyArray<ReadonlySet<string>> =>
    smalltalk.flatMap((s) => s.phrasings.map((p) => new Set(p.toLowerCase().split(/\s+/)))),
);

/** Every word of the pack's pleasantry phrasings. */
const pleasantryWords = perObject(
  (smalltalk: Smalltalk): ReadonlySet<string> => new Set(phrasingWords(smalltalk).flatMap((set) => [...set])),
);

/** Whether a message opens with a word of the pack's pleasantry phrasings ("hi po, …"): a set lookup. */
export function opensWithPleasantryWord(turn: Parameters<Guard["run"]>[0]): boolean {
  const first = turn.analysis.words[0];
  return first !== undefined && pleasantryWords(turn.env.kb.conversation.smalltalk).has(first);
}

/** Whether every word a message says is a word of the pack's pleasantry phrasings ("thanks thanks", "ty 🙏"). */
export function madeOfPleasantryWords(turn: Parameters<Guard["run"]>[0]): boolean {
  const words = pleasantryWords(turn.env.kb.conversation.smalltalk);
  const said = turn.analysis.content;
  return said.length > 0 && said.every((w) => words.has(w));
}

/** The labels ("smalltalk:<id>") of the pleasantries the pack says frame a message. */
const framingLabels = perObject(
  (smalltalk: KnowledgeBase["conversation"]["smalltalk"]): ReadonlySet<string> =>
    new Set(smalltalk.filter((s) => s.frames).map((s) => `smalltalk:${s.id}`)),
);

/** The words the ways of asking what the assistant can do are written with. */
const abilityWords = perObject(
  (ability: PatternSet): ReadonlySet<string> =>
    new Set(ability.patterns.flatMap((p) => p.source.match(/[a-z]+/g) ?? [])),
);

/** Whether a topic of the pack is phrased as asking what the assistant can do (the pack's language's ways). */
const abilityOwners = new WeakMap<KnowledgeBase, boolean>();
function ownsAbility(kb: KnowledgeBase, ability: PatternSet): boolean {
  let owns = abilityOwners.get(kb);
  if (owns === undefined) {
    owns = kb.topics.some((t) =>
      [t.question, ...t.phrasings].some((p) => ability.test(splitWords(normalizeText(p)))),
    );
    abilityOwners.set(kb, owns);
  }
  return owns;
}

/** The most any pleasantry phrasing shares with the words (Jaccard, whole words). */
function bestOverlap(smalltalk: Smalltalk, words: readonly string[]): number {
  const own = new Set(words);
  let best = 0;
  for (const set of phrasingWords(smalltalk)) {
    let shared = 0;
    for (const w of own) if (set.has(w)) shared++;
    best = Math.max(best, shared / (own.size + set.size - shared));
  }
  return best;
}

/** A symptom, or anything getting worse ("thanks, called them but its spreading now"): news, not a close. */
function tellsOfSymptom(turn: Parameters<Guard["run"]>[0]): boolean {
  const triage = turn.triage();
  return !!triage.symptom || !!triage.worsening;
}

/** Where the first of the set's patterns to match starts, and the shortest end it matches to. */
function matchedSpan(set: PatternSet, words: readonly string[]): [number, number] | undefined {
  const p = set.match(words);
  if (!p) return undefined;
  const at = p.find(words);
  for (let end = at + 1; end < words.length; end++) if (p.find(words.slice(at, end)) === 0) return [at, end];
  return [at, words.length];
}

/**
 * "what sort of things can I ask you?": the language's ways of asking what the assistant can do, with
 * nothing else but pleasantries ("what can you tell me about aftercare" asks about aftercare), are the
 * pack's pleasantry nearest to those words.
 */
function asksAbility(turn: Parameters<Guard["run"]>[0]): GuardOutcome | undefined {
  const { language, index } = turn.env;
  const words = turn.analysis.words;
  const span = matchedSpan(language.ability, words);
  // A pack with a topic asked that way ("what can I ask you" as an intent of its own) answers it.
  if (!span || ownsAbility(turn.env.kb, language.ability)) return undefined;
  // The rest asks nothing of its own: it is made of the pack's pleasantries' words and the words of asking
  // ("hello! what can you answer?", "might I ask what sort of assistance you are able to provide").
  const rest = index.analyze([...words.slice(0, span[0]), ...words.slice(span[1])].join(" "));
  const pleasantry = pleasantryWords(turn.env.kb.conversation.smalltalk);
  const asking = abilityWords(language.ability);
  if (!rest.content.every((w) => pleasantry.has(w) || asking.has(w))) return undefined;
  const asked = words.slice(...span).join(" ");
  const nearest = nearestConversational(index.evidence.converse(index.analyze(asked)), isPleasantry);
  if (!nearest) return undefined;
  return {
    decision: { kind: "smalltalk", intent: nearest.label.slice("smalltalk:".length), confidence: 1 },
    reason: `asks what the assistant can do ("${asked}"), and nothing else`,
  };
}

/**
 * "good morning from Lagos", "diolch yn fawr, that's helped loads": a pleasantry of a kind the pack says
 * frames a message (greetings, thanks) opening or closing it (a run of pleasantry words, as near one of
 * its phrasings as `SMALLTALK.framing`), whose rest asks nothing and names no subject, covered or not.
 * Neither part holds a question word: "my dog ate chocolate, what do I do" asks.
 */
function framingPleasantry(
  turn: Parameters<Guard["run"]>[0],
): { label: string; phrasing: string | undefined; lexical: number } | undefined {
  const { index, kb, language } = turn.env;
  const words = turn.analysis.words;
  if (words.some((w) => language.questionWords.has(w))) return undefined;
  const framing = framingLabels(kb.conversation.smalltalk);
  const pleasantry = pleasantryWords(kb.conversation.smalltalk);
  let lead = 0;
  while (lead < words.length && pleasantry.has(words[lead]!)) lead++;
  let tail = words.length;
  while (tail > lead && pleasantry.has(words[tail - 1]!)) tail--;
  for (const [from, to] of [
    [0, lead],
    [tail, words.length],
  ] as const) {
    if (to === from || to - from === words.length) continue;
    const said = index.analyze(words.slice(from, to).join(" "));
    const best = closestInWords(index.evidence.converse(said), isPleasantry);
    if (!best || best.lexical < SMALLTALK.framing || !framing.has(best.label)) continue;
    const rest = index.analyze([...words.slice(0, from), ...words.slice(to)].join(" "));
    if (rest.questionType || rest.subjects.length > 0 || rest.outOfScope.length > 0) continue;
    return { label: best.label, phrasing: best.phrasing, lexical: best.lexical };
  }
  return undefined;
}

/**
 * "hello! how are you?": a short message of a few clauses, each mostly the pack's pleasantries' words and
 * read by the ranker as a pleasantry before every topic, naming no subject; a clause that asks must be
 * like a pleasantry that asks ("how are you"), not "when does that go" near "gotta go". The last clause's
 * pleasantry. A greeting in words the pack lacks ("Habari!") is not one here.
 */
function pleasantryClauses(turn: Parameters<Guard["run"]>[0]): Candidate | undefined {
  const { index, language } = turn.env;
  const { analysis } = turn;
  if (analysis.subjects.length || analysis.outOfScope.length) return undefined;
  if (analysis.words.length > SMALLTALK.clausedWords) return undefined;
  const clauses = clausesOf(turn.text);
  if (clauses.length < 2) return undefined;
  // Ranking a clause is a whole match: only for clauses said mostly in the pack's pleasantries' words.
  const parts = clauses.map((clause) => turn.part(clause));
  if (parts.some((part) => index.evidence.greetingShare(part.analysis) < SMALLTALK.clausePleasantry))
    return undefined;
  let last: Candidate | undefined;
  for (const { analysis: read, match: matchOf } of parts) {
    const match = matchOf();
    if (!ranksAsPleasantry(match)) return undefined;
    last = match.conversational[0]!;
    if (asksSomething(language, read) && !index.analyze(last.phrasing ?? "").questionType) return undefined;
  }
  return last;
}

/**
 * Greetings, thanks, goodbyes, "what can you do": when that is what the message says, and no topic
 * fits it as well ("how does it work?" is about the treatment, not the assistant).
 */
export const smalltalkGuard: Guard = {
  name: "smalltalk",
  run(turn) {
    const { index, thresholds } = turn.env;
    const evidence = index.evidence;
    // Nearest in words: "lol ok thanks" is as much thanks as acknowledgement, and thanks says more of it.
    const best = closestInWords(turn.converse(), isPleasantry);
    if (!best) return undefined;
    // "for real?" right after an answer asks about it, however like a pleasantry it is said.
    if (turn.context.recentTopics[0] && asksBackOnly(turn)) return undefined;
    const ability = asksAbility(turn);
    if (ability) return ability;
    const topic = turn.match().candidates[0];
    const topicFits = !!topic && topic.confidence >= thresholds.answer;
    const topicNear = topic?.components.tfidf ?? 0;
    const share = evidence.pleasantryShare(turn.analysis);
    // Made of pleasantry words, a question is one only like a pleasantry that asks ("are you real"):
    // "so all in how long" is not "thats all".
    const pleasantryAsks = () => !!index.analyze(best.phrasing ?? "").questionType;
    const asksAsPleasantry = () => !asksInAnyClause(turn) || pleasantryAsks();
    // Nor, right after an answer, is a question leaning back on it: "and with just one go?" is not "gotta go".
    const leansOnAnswer = () =>
      !!turn.context.recentTopics[0] &&
      turn.analysis.questionMark &&
      leansBack(turn, turn.analysis) &&
      !pleasantryAsks();
    const plain =
      ((best.lexical >= SMALLTALK.lexical && share >= SMALLTALK.pleasantry) ||
        ((best.lexical >= SMALLTALK.looseLexical || best.semantic >= SMALLTALK.allPleasantrySemantic) &&
          share >= SMALLTALK.allPleasantry)) &&
      asksAsPleasantry() &&
      !leansOnAnswer();
    const looselyLike = (c: { semantic: number; lexical: number }) =>
      c.lexical >= SMALLTALK.looseLexical && c.semantic >= SMALLTALK.semantic;
    // Asking after a pleasantry, what it asks must be one too: "can you help me?", not "oh ok and is it safe?".
    const askedLoosely = () => {
      const from = questionStart(turn.env.language, turn.analysis);
      const asked = from
        ? index.analyze(turn.analysis.words.slice(from).join(" "))
        : from === undefined
          ? askingClause(turn)
          : undefined;
      if (!asked) return true;
      const near = index.evidence.converse(asked).filter((c) => c.label.startsWith("smalltalk:"));
      // Near a pleasantry in meaning is not enough when a topic answers it read alone: "Good morning! How
      // much is it?" asks the price, however like "how is it going" its words are.
      return near.some(looselyLike) && !answeredAlone(asked);
    };
    const answeredAlone = (asked: Analysis) => {
      const read = index.matchAnalysis(asked);
      const topic = read.candidates[0];
      return !!topic && topic.confidence >= thresholds.answer && !ranksAsPleasantry(read);
    };
    const loose =
      looselyLike(best) &&
      !(topic && topic.confidence >= thresholds.clarify) &&
      askedLoosely() &&
      !leansOnAnswer();
    // Right after advice to act (urgent, handoff), a pleasantry with what they will do now, asking
    // nothing, closes the exchange: "thanks, calling them now". Said with what they will do, any pleasantry's
    // word is enough, however many the action's ("Ok I'll get her in to see the doctor now, thanks").
    const actsOnAdvice = turn.env.language.takingAdvice.test(turn.analysis.words);
    const closing =
      (turn.context.lastKind === "urgent" || turn.context.lastKind === "handoff") &&
      !tellsOfSymptom(turn) &&
      !turn.analysis.questionType &&
      !turn.analysis.questionMark &&
      (actsOnAdvice
        ? best.lexical > 0
        : best.lexical >= SMALLTALK.closingLexical &&
          best.semantic >= SMALLTALK.closingSemantic &&
          share >= SMALLTALK.pleasantry);
    // Ranked with the topics (a pack that learned from labelled requests) first, and trusted:
    // "great, appreciate it"; not a question, the pack's subject, or a follow-up.
    const { analysis, context } = turn;
    // Short is not leaning back when most of it is pleasantry and it asks nothing: "ok thanks anyway".
    const saysPleasantry = share > SMALLTALK.pleasantry && !analysis.questionType && !analysis.questionMark;
    // Naming a subject, the pack's or one it does not cover ("hola, you do also botox?"), is more than a pleasantry.
    const { conversational, candidates } = turn.match();
    const first = conversational[0];
    // The acceptor learned what an answerable question looks like, and a pleasantry names nothing of the
    // pack's: when no topic comes near, ranking first this plausibly is enough ("have a lovely evening").
    const noTopic = (candidates[0]?.confidence ?? 0) < thresholds.clarify;
    // Short after an answer leans back only when it asks or a topic comes near: "lovely, thanks x" closes.
    const asks =
      !!analysis.questionType ||
      analysis.subjects.length > 0 ||
      analysis.outOfScope.length > 0 ||
      (!!context.recentTopics[0] &&
        !saysPleasantry &&
        (analysis.questionMark || !noTopic) &&
        leansBack(turn, analysis));
    // Right after the urgent advice, any pleasantry gets the closing line, not an offer of more questions.
    const afterUrgent = context.lastKind === "urgent" ? { afterUrgent: true } : {};
    const ranked =
      !asks &&
      first?.label.startsWith("smalltalk:") &&
      (first.confidence >= thresholds.answer || (noTopic && first.rank >= SMALLTALK.rankedAlone)) &&
      first.rank > (candidates[0]?.rank ?? 0)
        ? first
        : undefined;
    if (ranked && !plain && !loose && !closing)
      return {
        decision: {
          kind: "smalltalk",
          intent: ranked.label.slice("smalltalk:".length),
          confidence: ranked.confidence,
          ...afterUrgent,
        },
        reason: `ranked as a pleasantry above every topic (confidence ${ranked.confidence.toFixed(2)}; e.g. "${ranked.phrasing ?? ""}")`,
      };
    if (!plain && !loose && !closing) {
      // Framed by a pleasantry, the rest telling only of the writer: nothing a topic, a request or a
      // symptom could take.
      const framed =
        !asks &&
        !analysis.questionMark &&
        (candidates[0]?.confidence ?? 0) < SMALLTALK.framedTopic &&
        !asksInAnyClause(turn) &&
        !tellsOfSymptom(turn)
          ? framingPleasantry(turn)
          : undefined;
      if (!framed) {
        const said = !asks || analysis.questionType ? pleasantryClauses(turn) : undefined;
        if (!said || tellsOfSymptom(turn)) return undefined;
        return {
          decision: {
            kind: "smalltalk",
            intent: said.label.slice("smalltalk:".length),
            confidence: said.confidence,
            ...afterUrgent,
          },
          reason: `each of its clauses reads as a pleasantry before every topic (the last like "${said.phrasing ?? ""}")`,
        };
      }
      return {
        decision: {
          kind: "smalltalk",
          intent: framed.label.slice("smalltalk:".length),
          confidence: framed.lexical,
          ...afterUrgent,
        },
        reason: `opens or closes with a pleasantry like "${framed.phrasing}" (lexical ${framed.lexical.toFixed(2)}); the rest asks nothing`,
      };
    }
    if (topicFits && topicNear + SMALLTALK.topicLead >= best.lexical) return undefined;
    // All it shares with the pleasantry is a question word: "what do I do?" is not "what are you", nor
    // "how does it do that?" "how are you doing" — unless a pleasantry says most of its words.
    const { language, kb } = turn.env;
    const said = new Set(best.phrasing?.toLowerCase().split(/\s+/).map(stem));
    const shared = turn.analysis.content.filter((w) => said.has(stem(w)));
    if (
      shared.length > 0 &&
      shared.every((w) => language.questionWords.has(w)) &&
      bestOverlap(kb.conversation.smalltalk, turn.analysis.words) <= SMALLTALK.questionOnlyOverlap
    )
      return undefined;
    return {
      decision: {
        kind: "smalltalk",
        intent: best.label.slice("smalltalk:".length),
        confidence: best.lexical,
        ...afterUrgent,
      },
      reason: `pleasantry like "${best.phrasing}" (lexical ${best.lexical.toFixed(2)}, meaning ${best.semantic.toFixed(2)})`,
    };
  },
};
