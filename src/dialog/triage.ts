import type { ConversationRules } from "../knowledge/types.ts";
import type { Language } from "../lang/language.ts";
import { type PatternSet, withoutMatches } from "../lang/patterns.ts";
import type { WordVectors } from "../lang/word-vectors.ts";
import type { Analysis } from "../matching/analyze.ts";
import { stem } from "../matching/natural.ts";
import { dot } from "../matching/sentence-vectors.ts";

/** Triage's named defaults. */
export const TRIAGE = Object.freeze({
  /** A word this near (cosine) to a one-word warning sign counts as that sign ("feverish" ~ "fever"). */
  nearSign: 0.8,
  /** A phrase's words may sit this many words apart and in any order ("vision has gone blurry"). */
  window: 3,
  /** Words whose nearest one-word sign is kept: a vocabulary's worth, cleared when full. */
  nearSignCache: 50_000,
  /** A thing the pack's own texts name this often is its subject's ("needles", "roller"), not another thing. */
  packThing: 3,
});

/** The pack's words a triage reads a sign against: the places it treats, and how often its texts use a word. */
export interface TriagePack {
  areas: readonly string[];
  frequencies: ReadonlyMap<string, number>;
}

/** What a message says about a possible complication, and whose. */
export interface Triage {
  /** The warning sign (or symptom + severity) found, for `--explain`. */
  signal: string | undefined;
  /** A symptom is mentioned, even a mild one. */
  symptom: string | undefined;
  /** The writer (or someone they look after) describes it now, not a question in general. */
  ownReport: boolean;
  /** It ties what it describes to a treatment ("day 2", "since my session", "had it done"). */
  afterTreatment: boolean;
  /** It places what it describes now, since a time, or as changing ("still", "since tuesday", "spreading"). */
  current: boolean;
  /** The signal is a warning sign of its own ("allergic reaction", "pus"), not a symptom with a severity. */
  listedSign: boolean;
  /** Asked in general, someone else's or an old story, or a fear before treatment: not a report now. */
  setAside: boolean;
  /** Getting worse or spreading, of whatever it is said ("its spreading now"): news after the urgent reply. */
  worsening: string | undefined;
  /** The writer calls the symptom mild ("a tiny bit swollen") and nothing says it is getting worse. */
  mild: boolean;
  /** urgent: contact the provider or emergency services now; caution: a symptom of their own, not clearly urgent. */
  level: "urgent" | "caution" | "none";
}

type Phrase = { phrase: string; stems: string[] };

const prepare = (list: readonly string[]): Phrase[] =>
  list
    .map((phrase) => ({ phrase, stems: phrase.toLowerCase().split(/\s+/).filter(Boolean).map(stem) }))
    .filter((p) => p.stems.length);

/** Each word of the phrase at its own position in the window: "10 10" needs two tens, not one. */
function coversPhrase(window: readonly string[], phrase: readonly string[]): boolean {
  const left = [...window];
  for (const p of phrase) {
    const at = left.indexOf(p);
    if (at < 0) return false;
    left[at] = "";
  }
  return true;
}

function findPhrase(stems: readonly string[], phrase: readonly string[], window: number): number {
  const span = phrase.length + window;
  for (let i = 0; i < stems.length; i++) {
    if (!phrase.includes(stems[i]!)) continue;
    if (coversPhrase(stems.slice(i, Math.min(stems.length, i + span)), phrase)) return i;
  }
  return -1;
}

/**
 * Recall-first triage: the pack's warning signs (red flags alone; symptoms with a severity) found by
 * stems in any order, or by word-vector nearness for one-word signs, and the language's framing to tell
 * a report of one's own from a question in general or someone else's story.
 */
export function createTriage(
  rules: ConversationRules["urgent"],
  language: Language,
  subjects: ReadonlySet<string>,
  vectors?: WordVectors,
  pack: TriagePack = { areas: [], frequencies: new Map() },
) {
  const places = new Set(pack.areas.flatMap((a) => a.toLowerCase().split(/\s+/)));
  const packThing = (w: string) => (pack.frequencies.get(w) ?? 0) >= TRIAGE.packThing;
  const redFlags = prepare(rules.redFlags);
  const symptoms = prepare(rules.symptoms);
  const severity = prepare(rules.severity);
  const afterEffects = prepare(rules.afterEffects);
  const oneWordSigns = rules.redFlags
    .filter((p) => !p.trim().includes(" "))
    .map((p) => ({ phrase: p, vector: vectors?.get(p.toLowerCase()) }))
    .filter((p): p is { phrase: string; vector: Float32Array } => !!p.vector);

  const negated = (words: readonly string[], i: number) => {
    const before = words[i - 1];
    if (before && language.negations.has(before)) return true;
    return (
      !!words[i - 2] && language.negations.has(words[i - 2]!) && language.negationBridges.has(before ?? "")
    );
  };
  // The first of the patterns found where no negation comes before it: "its not getting bigger" is not worse.
  const unnegated = (words: readonly string[], set: PatternSet) => {
    for (const p of set.patterns) {
      // An anchored pattern can only start at the first word.
      for (let from = 0; from < words.length && (from === 0 || !p.anchored); ) {
        const found = p.find(from ? words.slice(from) : words);
        if (found < 0) break;
        if (!negated(words, from + found)) return p.source;
        from += found + 1;
      }
    }
    return undefined;
  };
  // "can't see any change" is about results, not sight: the sign's last word has an object.
  const hasObject = (words: readonly string[], stems: readonly string[], i: number, phrase: Phrase) => {
    const last = stems.indexOf(phrase.stems.at(-1)!, i);
    return last >= 0 && language.symptoms.signObjects.has(words[last + 1] ?? "");
  };
  const { mild } = language.symptoms;
  // "faint bruising": a word that makes the next one mild describes it, even when it spells a sign;
  // "feel faint since this morning" is followed by a function or time word, not by what it describes.
  const described = (word: string | undefined) =>
    !!word &&
    !language.stopwords.has(word) &&
    !language.questionWords.has(word) &&
    !language.symptoms.present.test([word]);
  const qualifies = (words: readonly string[], i: number) => mild.has(words[i]!) && described(words[i + 1]);
  // Whether phrase `p`, found at word `i`, says what it means there.
  const holds = (words: readonly string[], stems: readonly string[], p: Phrase, i: number) => {
    if (hasObject(words, stems, i, p) || negated(words, i)) return false;
    if (p.stems.length === 1 && qualifies(words, i)) return false;
    // Any of the sign's words negated negates it: "a mark under my eye, not painful" is not "eye pain";
    // a sign that is itself negative ("can't breathe") is read as written.
    if (p.phrase.split(/\s+/).some((w) => language.negations.has(w.toLowerCase()))) return true;
    const end = Math.min(stems.length, i + p.stems.length + TRIAGE.window);
    return !p.stems.some((s) => {
      const j = stems.indexOf(s, i);
      return j >= 0 && j < end && negated(words, j);
    });
  };
  // A phrase with a stem the message lacks cannot be found in it: most phrases are ruled out by lookups.
  const firstAt = (
    words: readonly string[],
    stems: readonly string[],
    has: ReadonlySet<string>,
    list: readonly Phrase[],
  ): { phrase: string; at: number } | undefined => {
    for (const p of list) {
      if (!p.stems.every((s) => has.has(s))) continue;
      const at = findPhrase(stems, p.stems, TRIAGE.window);
      if (at >= 0 && holds(words, stems, p, at)) return { phrase: p.phrase, at };
    }
    return undefined;
  };
  const first = (
    words: readonly string[],
    stems: readonly string[],
    has: ReadonlySet<string>,
    list: readonly Phrase[],
  ) => firstAt(words, stems, has, list)?.phrase;
  // The one-word sign a word is near, by word: the same for every message, so kept (bounded).
  const nearSigns = new Map<string, string | null>();
  const nearSign = (w: string, v: Float32Array) => {
    let sign = nearSigns.get(w);
    if (sign === undefined) {
      sign = oneWordSigns.find((s) => dot(v, s.vector) >= TRIAGE.nearSign)?.phrase ?? null;
      if (nearSigns.size >= TRIAGE.nearSignCache) nearSigns.clear();
      nearSigns.set(w, sign);
    }
    return sign;
  };
  const near = (words: readonly string[]) => {
    if (!vectors) return undefined;
    for (const [i, w] of words.entries()) {
      const v = vectors.get(w);
      if (!v || language.stopwords.has(w) || negated(words, i)) continue;
      const sign = nearSign(w, v);
      if (sign !== null) return `${w} ~ ${sign}`;
    }
    return undefined;
  };

  // What a sign is said of: a made thing, food, plant or animal named before it (not one of the pack's own,
  // like "needles"), with no part of a body, no place the pack treats and no treatment in the message, and
  // not after the writer acting ("I pressed a towel on it"): "my laptop is burning hot" is no complication.
  const ofAThing = (words: readonly string[], tokens: readonly string[], signAt: number) => {
    if (tokens.some((t) => subjects.has(t))) return false;
    let thing = false;
    let acting = false;
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      // A function word with "'s" run into it ("mine's" → "mines") is no thing either.
      const functionWord =
        language.stopwords.has(w) || (w.endsWith("s") && language.stopwords.has(w.slice(0, -1)));
      const kind = functionWord ? undefined : language.kindOf(w);
      if (kind === "body" || places.has(w)) return false;
      if (kind === "thing" && i < signAt && !acting && !packThing(w)) thing = true;
      if (language.symptoms.writer.has(w)) acting = true;
    }
    return thing;
  };

  // A body part (not "a cheek", not "my cheek", which `personal` reads) in some state now: "cheek is hot".
  const bodyNow = (words: readonly string[]) =>
    words.some(
      (w, i) =>
        language.symptoms.states.has(words[i + 1] ?? "") &&
        !language.stopwords.has(words[i - 1] ?? "") &&
        (places.has(w) || language.kindOf(w) === "body"),
    );

  return function triage(analysis: Analysis): Triage {
    const words = analysis.words;
    const stems = words.map(stem);
    const has = new Set(stems);
    // Framing is read with every subject's name as "it": "could X give me an infection" asks in general.
    const frame = analysis.tokens.map((t) => (subjects.has(t) ? "it" : t));
    const listedAt = firstAt(words, stems, has, redFlags);
    const listed = listedAt?.phrase;
    const since = language.symptoms.timeSince.test(words);
    const present = language.symptoms.present.test(words);
    const personal = language.symptoms.personal.test(words);
    // A word only near a warning sign is weaker evidence: it counts in a report of one's own, so "what
    // cream helps cold sores?" is not "blisters".
    const flag = listed ?? (personal || present || since ? near(words) : undefined);
    const named = firstAt(words, stems, has, symptoms);
    const symptom = named?.phrase ?? flag;
    // "still slightly red after", "tiny dots all over": what the writer calls mild is mild, unless it is
    // changing.
    const described = named ?? firstAt(words, stems, has, afterEffects);
    const mildly = !!described && [1, 2].some((back) => mild.has(words[described.at - back] ?? ""));
    const worsening = unnegated(words, language.symptoms.worsening);
    const severe = first(words, stems, has, severity);
    const worse = severe ?? worsening;
    const otherStory = language.symptoms.others.test(frame);
    // "…is that normal?" points at what they told of their own: only the rest can ask in general.
    const asked = otherStory ? frame : withoutMatches(language.symptoms.ofTheirOwn, frame);
    const general =
      language.symptoms.general.test(asked) || (!personal && language.symptoms.course.test(asked));
    const past = language.symptoms.past.test(frame);
    const anticipation = language.symptoms.anticipation.test(frame);
    // A treatment planned and none yet had: what they feel now is not its complication ("breaking out like
    // crazy and im booked for thursday"). A warning sign of its own stays one.
    const ahead = language.symptoms.ahead.test(frame) && !language.symptoms.done.test(frame);
    // Recall first: a warning sign is a report unless it is asked in general, is someone else's or an
    // old story, or comes before any treatment; "now" / "still" make it current, and so does a time since
    // treatment for someone else ("my daughter's face is swollen since her session").
    // Getting worse is lived, not asked in general: "is it normal…? started 20 min ago and getting worse".
    const progressing = language.symptoms.progressing.test(words);
    const current = present || progressing;
    // Over now, and not back: "had pus after my last session, it's gone now" tells an old story.
    const over = language.symptoms.resolved.test(words) && !progressing && !worsening;
    const signAt = Math.min(...[listedAt, named, described].map((found) => found?.at ?? words.length));
    // A red flag (pus, a fever) is a body's whatever else is named: "my glasses rub and now theres pus".
    const aThing =
      !listed &&
      !!symptom &&
      !language.symptoms.treated.test(words) &&
      ofAThing(words, analysis.tokens, signAt);
    const notTheirs =
      ((otherStory || past) && !current && !since) ||
      (anticipation && !since) ||
      (ahead && !listed) ||
      over ||
      aThing;
    // A case supposed from its first word stays supposed whatever "now" it holds, unless a red flag is named
    // (asked only of a general question said with a "now": most messages never need it).
    const supposed = () => !listed && language.symptoms.supposed.test(frame);
    // A warning sign told of one's own with a time since treatment is lived, whatever asks about it:
    // "signs of infection?? red, hot and pus 3 days after my session".
    // A body part said to be so with no owner named is theirs: "cheek is hot red and weeping, its day 4".
    const lived = current || (!!listed && since && (personal || bodyNow(words)));
    const setAside = (general && (!lived || supposed())) || notTheirs;
    // Since treatment, a change is a signal ("puffed up since this morning"); a time alone is not: "days
    // later" is a severity only beside a symptom.
    const change =
      worsening ?? (severe && !language.symptoms.duration.test(severe.split(" ")) ? severe : undefined);
    // A mild symptom stays mild however long it lasts; getting worse is a signal however it started.
    const serious = !!worsening || !mildly;
    const signal =
      flag ??
      (symptom && worse && serious
        ? `${symptom} + ${worse}`
        : change && since && serious
          ? `${change} since treatment`
          : undefined);
    const ownReport = !setAside && (personal || since || present || !!signal);
    // Caution is cheap (the safety line beside an answer): "my face is red, is that normal?" asks in general
    // words about their own symptom.
    const felt = symptom ?? first(words, stems, has, afterEffects);
    const level = signal && !setAside ? "urgent" : felt && personal && !notTheirs ? "caution" : "none";
    const afterTreatment = analysis.subjects.length > 0 || language.symptoms.treated.test(words);
    return {
      signal,
      symptom: felt,
      ownReport,
      afterTreatment,
      current: current || since,
      listedSign: flag !== undefined,
      setAside,
      worsening,
      mild: !serious,
      level,
    };
  };
}

export type TriageFn = ReturnType<typeof createTriage>;
