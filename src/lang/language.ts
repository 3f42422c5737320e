import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type * as Yaml from "yaml";
import { z } from "zod";
import { createDictionary, type Dictionary } from "./dictionary.ts";
import { type LetterFrame, letterBody } from "./letter.ts";
import { compilePatterns, type PatternSet } from "./patterns.ts";
import { readWordVectors, type WordVectors } from "./word-vectors.ts";

/** How people phrase things in one language, whatever a pack is about: data with small matchers. */
export interface Language {
  readonly code: string;
  /** The folder its files are read from (what a cache of the pack's analyses must key on). */
  readonly dir: string;
  readonly name: string;
  readonly stopwords: ReadonlySet<string>;
  /** Text-speak and dialect spellings → the words they stand for ("u" → "you"), before a pack's own. */
  readonly shorthand: Readonly<Record<string, string>>;
  readonly questionWords: ReadonlySet<string>;
  /** "how long does it take" → "duration"; undefined when no question shape is recognised. */
  questionType(words: readonly string[]): string | undefined;
  /** The text with punctuation spoken by voice dictation ("comma", "question mark") written as punctuation. */
  written(text: string): string;
  /** A message written as a letter without its greeting line and sign-off (see letterBody). */
  body(text: string): string;
  readonly questionTypes: readonly string[];
  /** The vowels text-speak drops ("mcrndlng"): words written without them are read by their consonants. */
  readonly vowels: string;
  /** Per question type, the words its patterns are written with: "reason" → why, how, come. */
  readonly questionTypeWords: ReadonlyMap<string, ReadonlySet<string>>;
  /** Said before a question without changing what it asks: "ok but does it hurt" asks. */
  readonly questionLeadIns: ReadonlySet<string>;
  readonly negations: ReadonlySet<string>;
  /** Words a negation reaches across to the next word ("not any pain"). */
  readonly negationBridges: ReadonlySet<string>;
  readonly followUp: {
    opens: PatternSet;
    /** A verb left for the last message to fill in: "what's the risk if she does". */
    ellipsis: PatternSet;
    pointers: ReadonlySet<string>;
    fillers: ReadonlySet<string>;
    carryOver: ReadonlySet<string>;
    /** Question types that, asked with nothing of their own ("why?", "how come"), ask about what was just answered. */
    asksBack: ReadonlySet<string>;
    /** Question types that ask a measure of something ("how many"): a bare fragment after one asks it of another thing. */
    measures: ReadonlySet<string>;
    /** The figures' dimensions each measure is answered in ("duration" → days, minutes). */
    measuredIn: ReadonlyMap<string, ReadonlySet<string>>;
    /** Words a fragment opens with, naming what the last question is now asked of ("for acne scars?"). */
    fragmentLeads: ReadonlySet<string>;
    /** A choice among options left unnamed ("which one is cheaper?", "so which is it"): the last answer's. */
    picks: PatternSet;
  };
  /** "second" → 2, "last" → -1; undefined for other words. */
  ordinal(word: string): number | undefined;
  readonly choiceFillers: ReadonlySet<string>;
  readonly noneOfThese: PatternSet;
  /** Asking for a person, a booking, a call or a quote (booking included). */
  readonly handoff: PatternSet;
  /** Asking to book: a request, or context of a question a topic answers outright. */
  readonly booking: PatternSet;
  readonly identity: PatternSet;
  /** Asking what the assistant can do: "what sort of things can I ask you?". */
  readonly ability: PatternSet;
  /** A question passed on for someone: "she is asking whether…". */
  readonly relayedQuestion: PatternSet;
  /** Saying they will act on advice: "ok I'll ring them now", "going to the ER", "will do". */
  readonly takingAdvice: PatternSet;
  readonly symptoms: {
    personal: PatternSet;
    present: PatternSet;
    timeSince: PatternSet;
    general: PatternSet;
    others: PatternSet;
    worsening: PatternSet;
    /** Before any treatment: afraid of it, or not had it yet; a complication cannot be present. */
    anticipation: PatternSet;
    /** An episode from the past, before or apart from the treatment ("at my last blood test"). */
    past: PatternSet;
    /** Changing as they write ("getting worse", "spreading to my neck"): lived, not asked in general. */
    progressing: PatternSet;
    /** What to do now ("should I wait until tomorrow?"): after an urgent reply, still about it. */
    nextStep: PatternSet;
    /** Said of the treatment itself: "after my session", "had it done", "day 2". */
    treated: PatternSet;
    /** A treatment still to come: "I'm booked for Thursday", "I'd be back at work the morning after". */
    ahead: PatternSet;
    /** How long a sign lasts or when it goes, asked with nothing of the writer's: "how long does lip filler swelling last". */
    course: PatternSet;
    /** A case supposed as a whole ("what if…", "say I…"): whatever "now" or "still" it holds is supposed too. */
    supposed: PatternSet;
    /** A treatment already had: "had it done", "3 days ago", "since my last session", "day 2". */
    done: PatternSet;
    /** A call for help ("help pls", "sos"): what it is said with is happening to them. */
    plea: PatternSet;
    /** The writer as the one acting: "I've pressed a towel on it" says what they did, not what the towel did. */
    writer: ReadonlySet<string>;
    /** Verbs that say a body part is in some state now: "cheek is hot", "face looks swollen". */
    states: ReadonlySet<string>;
    /** Asking whether what they describe is normal: "is that normal?", "should I worry?". */
    normalcy: PatternSet;
    /** Asked of what the writer just told: "…blisters, is that normal?" is not a question in general. */
    ofTheirOwn: PatternSet;
    /** Asking about what the writer just told by pointing at it: "is this from the numbing cream??". */
    pointsBack: PatternSet;
    /** A sign's verb followed by one of these has an object, another sense ("can't see any change"). */
    signObjects: ReadonlySet<string>;
    /** Words that make the next word mild ("slightly red", "faint bruising"): a description, not a sign. */
    mild: ReadonlySet<string>;
    /** A length of time and nothing else ("days later"): when, not a change. */
    duration: PatternSet;
    /** Over now ("it's cleared up", "I'm fine now"): an old story unless it is back. */
    resolved: PatternSet;
  };
  /** The code of another language most of `words` are in ("es"), or undefined. */
  otherLanguage(words: readonly string[]): string | undefined;
  /** "is it better than X?": comparing or combining with the pack's subject. */
  readonly comparison: PatternSet;
  /** Words that place a message before or after the treatment. */
  readonly timing: {
    before: PatternSet;
    after: PatternSet;
    waiting: PatternSet;
    /**
     * "before", "until": they place a message only when what follows is the treatment, or nothing
     * ("before bed", "before the wedding" do not); `treatment` lists its words besides the pack's subjects.
     */
    relations: ReadonlySet<string>;
    treatment: ReadonlySet<string>;
    /** Words that make the next thing named the event itself ("after a facelift"), with words they skip. */
    eventMarks: ReadonlySet<string>;
    eventSkips: ReadonlySet<string>;
  };
  /** A contrast with one uncovered subject implies the pack's as the other side ("cheaper than lasers?"). */
  readonly contrast: PatternSet;
  /** Words that set two things side by side ("X vs Y", "better than Y", "between X and Y"). */
  readonly contrastJoins: ReadonlySet<string>;
  /** Words just before an uncovered subject that make it the writer's history, not the question. */
  readonly ownHistory: PatternSet;
  readonly refersBack: ReadonlySet<string>;
  /** Words that open a case supposed ("if", "unless"): a request named after one is not being made. */
  readonly supposing: ReadonlySet<string>;
  /** The assistant's own sentences; a pack may override each in its conversation.yaml. */
  readonly replies: LanguageReplies;
  /** General questions no pack answers: the background off-topic decisions are fitted against. */
  readonly offTopic: readonly string[];
  /** What kind of thing a common noun names (kinds.txt, from WordNet): part of a body, or a made thing, food… */
  kindOf(word: string): "body" | "thing" | undefined;
  /** Real words of the language (a dictionary), so a word the pack lacks is not "corrected" into one. */
  isWord(word: string): boolean;
  /** In the dictionary itself: the vectors also hold every word any text of the pack wrote ("soo"). */
  inDictionary(word: string): boolean;
  /** Pretrained word vectors, read on first use. */
  vectors(): WordVectors;
}

export interface LanguageReplies {
  partialArticles: string;
  partialOwnWords: string;
  noneOfThese: string;
  otherLanguage: string;
  caution: string;
  afterUrgent: string;
  ownWordsCitation: string;
}

/** Replaces each spoken punctuation mark, as a whole word in any case, by the mark it names. */
function spokenPunctuation(spoken: Readonly<Record<string, string>>): (text: string) => string {
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const marks = new Map<string, string>();
  const parts = Object.entries(spoken).map(([said, mark]) => {
    const words = said.trim().toLowerCase();
    marks.set(words, mark);
    return `\\b${literal(words).replace(/ /g, "\\s+")}\\b`;
  });
  if (!parts.length) return (text) => text;
  const pattern = new RegExp(parts.join("|"), "gi");
  return (text) =>
    text.replace(pattern, (found) => marks.get(found.toLowerCase().replace(/\s+/g, " ")) ?? found);
}

/** The language's letter frame as a function of the text; the text as it is without one. */
function letterOf(
  letter: { openings: string[]; closings: string[]; signature_lines: number; line_words: number } | undefined,
  patterns: (sources: readonly string[]) => PatternSet,
): (text: string) => string {
  if (!letter) return (text) => text;
  const frame: LetterFrame = {
    openings: patterns(letter.openings),
    closings: patterns(letter.closings),
    signatureLines: letter.signature_lines,
    lineWords: letter.line_words,
  };
  return (text) => letterBody(text, frame);
}

const list = z.array(z.string());
const LANGUAGE_FILE = z
  .object({
    code: z.string(),
    name: z.string(),
    stopwords: list,
    shorthand: z.record(z.string()).default({}),
    question_words: list,
    question_types: z.record(list),
    // Words said before a question that do not change what it asks ("ok but does it hurt").
    question_lead_ins: list.default([]),
    // Spoken → written, as whole words in any case.
    spoken_punctuation: z.record(z.string()).default({}),
    vowels: z
      .string()
      .regex(/^\p{Ll}*$/u, "lower-case letters only")
      .default(""),
    negations: list,
    negation_bridges: list,
    follow_up: z
      .object({
        openers: list,
        pointers: list,
        fillers: list,
        carry_over: list,
        ellipsis: list.default([]),
        asks_back: list.default([]),
        measures: list.default([]),
        measured_in: z.record(list).default({}),
        fragment_leads: list.default([]),
        picks: list.default([]),
      })
      .strict(),
    letter: z
      .object({
        openings: list,
        closings: list,
        signature_lines: z.number().int().min(0),
        line_words: z.number().int().min(1),
      })
      .strict()
      .optional(),
    ordinals: z.record(z.number()),
    choice_fillers: list,
    none_of_these: list,
    lists: z.record(list),
    handoff: list,
    booking: list.default([]),
    identity: list,
    ability: list.default([]),
    relayed_question: list,
    taking_advice: list.default([]),
    symptoms: z
      .object({
        personal: list,
        present: list,
        time_since: list,
        general: list,
        others: list,
        worsening: list,
        anticipation: list,
        ahead: list.default([]),
        course: list.default([]),
        supposed: list.default([]),
        done: list.default([]),
        plea: list.default([]),
        past: list,
        sign_objects: list,
        writer: list,
        states: list.default([]),
        mild: list,
        duration: list,
        resolved: list,
        normalcy: list,
        of_their_own: list,
        points_back: list,
        treated: list,
        next_step: list,
        progressing: list,
      })
      .strict(),
    other_languages: z.record(list),
    other_scripts: z.record(z.string()),
    dictionary: z.string(),
    comparison: list,
    own_history: list,
    contrast: list,
    contrast_joins: list,
    timing: z
      .object({
        before: list,
        after: list,
        waiting: list,
        relations: list,
        treatment: list,
        event_marks: list,
        event_skips: list,
      })
      .strict(),
    refers_back: list,
    supposing: list,
    replies: z
      .object({
        partial_articles: z.string(),
        partial_own_words: z.string(),
        none_of_these: z.string(),
        other_language: z.string(),
        caution: z.string(),
        after_urgent: z.string(),
        own_words_citation: z.string(),
      })
      .strict(),
  })
  .strict();

/** How a message is told to be in another language: by its script, or by that language's commonest words. */
export const OTHER_LANGUAGE = Object.freeze({
  /** Share of a message's letters in another language's scripts that makes it that language. */
  scriptShare: 0.5,
  /** Share of a message's words that must be another language's commonest words… */
  share: 0.4,
  minWords: 2,
  /** …or this many of them, this many times the English function words: a long message in it. */
  clearHits: 3,
  clearOverOwn: 3,
});

/** A letter of any script but Latin: emoji, curly quotes and accented Latin letters are not. */
const NON_LATIN_LETTER = /(?!\p{Script=Latin})\p{L}/u;
const LETTERS = /\p{L}/gu;

/** Every letter of a Unicode script, by its name in the language pack ("Han"): a name Unicode lacks is named. */
function scriptLetters(script: string): RegExp {
  try {
    if (!/^[A-Za-z_]+$/.test(script)) throw new Error(script);
    return new RegExp(`\\p{Script=${script}}`, "gu");
  } catch {
    throw new Error(
      `language pack: other_scripts: "${script}" is not a Unicode script name (e.g. Han, Arabic)`,
    );
  }
}

const folder = (code: string) => fileURLToPath(new URL(`./${code}/`, import.meta.url));

const require = createRequire(import.meta.url);

/** The build's JSON copy of language.yaml (dist/ only): parsing the YAML costs a start about 40 ms. */
export const COMPILED_LANGUAGE_FILE = "language.json";

function readLanguageFile(dir: string): unknown {
  let compiled: string;
  try {
    compiled = readFileSync(`${dir}${COMPILED_LANGUAGE_FILE}`, "utf8");
  } catch {
    // No build: the source itself (yaml is required only then, so a compiled start never loads it).
    return (require("yaml") as typeof Yaml).parse(readFileSync(`${dir}language.yaml`, "utf8"));
  }
  return JSON.parse(compiled);
}

/** A dictionary package's array as JSON bytes: read, not required, so its words are never made into strings. */
function dictionaryBytes(name: string): Uint8Array {
  const path = require.resolve(name);
  return path.endsWith(".json") ? readFileSync(path) : Buffer.from(JSON.stringify(require(path)));
}

function readLanguage(code: string): Language {
  const dir = folder(code);
  const path = `${dir}language.yaml`;
  const parsed = LANGUAGE_FILE.safeParse(readLanguageFile(dir));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`${path} is not a valid language pack: ${problems}`);
  }
  const data = parsed.data;
  const lists = new Map(Object.entries(data.lists).map(([name, words]) => [name, new Set(words)]));
  const patterns = (sources: readonly string[]) => compilePatterns(sources, lists);
  // One set of every type's patterns, in order: its first match is the first type with a match.
  const typeSources = Object.entries(data.question_types).flatMap(([type, sources]) =>
    sources.map((source) => ({ type, source })),
  );
  const questionPatterns = patterns(typeSources.map((t) => t.source));
  const typeOf = new Map(questionPatterns.patterns.map((p, i) => [p, typeSources[i]!.type]));
  const languageOrder = Object.keys(data.other_languages);
  // Per common word, the languages it is common in: one lookup per word of a message, whatever their number.
  const commonIn = new Map<string, string[]>();
  for (const [lang, words] of Object.entries(data.other_languages))
    for (const w of new Set(words)) commonIn.set(w, [...(commonIn.get(w) ?? []), lang]);
  const scripts = Object.entries(data.other_scripts).map(([script, lang]) => ({
    lang,
    letters: scriptLetters(script),
  }));
  /** The language whose scripts hold most of the text's letters, if at least half of them. */
  const byScript = (text: string): string | undefined => {
    if (!NON_LATIN_LETTER.test(text)) return undefined;
    const letters = text.match(LETTERS)?.length ?? 0;
    const counts = new Map<string, number>();
    for (const { lang, letters: pattern } of scripts) {
      const n = text.match(pattern)?.length ?? 0;
      if (n) counts.set(lang, (counts.get(lang) ?? 0) + n);
    }
    let best: string | undefined;
    for (const [lang, n] of counts) if (!best || n > counts.get(best)!) best = lang;
    return best && counts.get(best)! >= OTHER_LANGUAGE.scriptShare * letters ? best : undefined;
  };
  const stopwords = new Set(data.stopwords);
  const leadIns = new Set(data.question_lead_ins);
  const offTopic = readFileSync(`${dir}off-topic.txt`, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  let kinds: Map<string, "body" | "thing"> | undefined;
  // Read on first use: only a message with a warning sign asks.
  const kindsOf = () => {
    const file = `${dir}kinds.txt`;
    kinds ??= new Map(
      (existsSync(file) ? readFileSync(file, "utf8") : "")
        .split("\n")
        .filter((line) => line && !line.startsWith("#"))
        .map((line) => line.split("\t") as [string, "body" | "thing"]),
    );
    return kinds;
  };
  let vectors: WordVectors | undefined;
  const vectorsOf = () => {
    vectors ??= readWordVectors(`${dir}vectors.bin`);
    return vectors;
  };
  let dictionary: Dictionary | undefined;
  // The dictionary is an npm package exporting an array of words (~275,000 for English): read on first use.
  const words = () => (dictionary ??= createDictionary(dictionaryBytes(data.dictionary)));
  return {
    code: data.code,
    dir,
    name: data.name,
    stopwords,
    shorthand: Object.freeze({ ...data.shorthand }),
    questionWords: new Set(data.question_words),
    vowels: data.vowels,
    questionTypes: Object.keys(data.question_types),
    questionTypeWords: new Map(
      Object.entries(data.question_types).map(([type, sources]) => [
        type,
        new Set(sources.flatMap((source) => source.match(/[a-z]+/g) ?? [])),
      ]),
    ),
    written: spokenPunctuation(data.spoken_punctuation),
    body: letterOf(data.letter, patterns),
    questionType: (words) => {
      const pattern = questionPatterns.match(words);
      return pattern && typeOf.get(pattern);
    },
    questionLeadIns: leadIns,
    negations: new Set(data.negations),
    negationBridges: new Set(data.negation_bridges),
    followUp: {
      opens: patterns(data.follow_up.openers),
      ellipsis: patterns(data.follow_up.ellipsis),
      pointers: new Set(data.follow_up.pointers),
      fillers: new Set(data.follow_up.fillers),
      carryOver: new Set(data.follow_up.carry_over),
      asksBack: new Set(data.follow_up.asks_back),
      measures: new Set(data.follow_up.measures),
      measuredIn: new Map(
        Object.entries(data.follow_up.measured_in).map(([type, dims]) => [type, new Set(dims)]),
      ),
      fragmentLeads: new Set(data.follow_up.fragment_leads),
      picks: patterns(data.follow_up.picks),
    },
    ordinal: (word) => data.ordinals[word],
    choiceFillers: new Set(data.choice_fillers),
    noneOfThese: patterns(data.none_of_these),
    handoff: patterns([...data.handoff, ...data.booking]),
    booking: patterns(data.booking),
    identity: patterns(data.identity),
    ability: patterns(data.ability),
    relayedQuestion: patterns(data.relayed_question),
    takingAdvice: patterns(data.taking_advice),
    symptoms: {
      personal: patterns(data.symptoms.personal),
      present: patterns(data.symptoms.present),
      timeSince: patterns(data.symptoms.time_since),
      general: patterns(data.symptoms.general),
      others: patterns(data.symptoms.others),
      worsening: patterns(data.symptoms.worsening),
      anticipation: patterns(data.symptoms.anticipation),
      ahead: patterns(data.symptoms.ahead),
      course: patterns(data.symptoms.course),
      supposed: patterns(data.symptoms.supposed),
      done: patterns(data.symptoms.done),
      plea: patterns(data.symptoms.plea),
      past: patterns(data.symptoms.past),
      signObjects: new Set(data.symptoms.sign_objects),
      writer: new Set(data.symptoms.writer),
      states: new Set(data.symptoms.states),
      mild: new Set(data.symptoms.mild),
      duration: patterns(data.symptoms.duration),
      resolved: patterns(data.symptoms.resolved),
      normalcy: patterns(data.symptoms.normalcy),
      ofTheirOwn: patterns(data.symptoms.of_their_own),
      pointsBack: patterns(data.symptoms.points_back),
      treated: patterns(data.symptoms.treated),
      nextStep: patterns(data.symptoms.next_step),
      progressing: patterns(data.symptoms.progressing),
    },
    otherLanguage(words) {
      const script = byScript(words.join(" "));
      if (script) return script;
      if (words.length < OTHER_LANGUAGE.minWords) return undefined;
      // Most messages hold fewer of any language's common words than it takes: counted without allocating.
      let any = 0;
      for (const w of words) if (commonIn.has(w)) any++;
      if (any < OTHER_LANGUAGE.minWords) return undefined;
      // Distinct common words per language; the first language listed wins a tie.
      const hits = new Map<string, number>();
      const seen = new Set<string>();
      for (const w of words) {
        const langs = commonIn.get(w);
        if (!langs || seen.has(w)) continue;
        seen.add(w);
        for (const lang of langs) hits.set(lang, (hits.get(lang) ?? 0) + 1);
      }
      let best: { lang: string; hits: number } | undefined;
      for (const lang of languageOrder) {
        const n = hits.get(lang) ?? 0;
        if (!best || n > best.hits) best = { lang, hits: n };
      }
      if (!best || best.hits < OTHER_LANGUAGE.minWords) return undefined;
      const own = words.filter((w) => stopwords.has(w)).length;
      if (best.hits / words.length >= OTHER_LANGUAGE.share && best.hits > own) return best.lang;
      // A longer message mixes in borrowed words (a treatment's name, "PRP"), yet its function words tell.
      const clear = best.hits >= OTHER_LANGUAGE.clearHits && best.hits >= OTHER_LANGUAGE.clearOverOwn * own;
      return clear ? best.lang : undefined;
    },
    comparison: patterns(data.comparison),
    ownHistory: patterns(data.own_history),
    contrast: patterns(data.contrast),
    contrastJoins: new Set(data.contrast_joins),
    timing: {
      before: patterns(data.timing.before),
      after: patterns(data.timing.after),
      waiting: patterns(data.timing.waiting),
      relations: new Set(data.timing.relations),
      treatment: new Set(data.timing.treatment),
      eventMarks: new Set(data.timing.event_marks),
      eventSkips: new Set(data.timing.event_skips),
    },
    refersBack: new Set(data.refers_back),
    supposing: new Set(data.supposing),
    replies: {
      partialArticles: data.replies.partial_articles,
      partialOwnWords: data.replies.partial_own_words,
      noneOfThese: data.replies.none_of_these.trim(),
      otherLanguage: data.replies.other_language,
      caution: data.replies.caution.trim(),
      afterUrgent: data.replies.after_urgent.trim(),
      ownWordsCitation: data.replies.own_words_citation,
    },
    offTopic,
    kindOf: (word) => kindsOf().get(word),
    // The vectors are read for matching anyway; the large dictionary loads only for a word they lack.
    isWord: (word) => vectorsOf().has(word) || words()(word),
    inDictionary: (word) => words()(word),
    vectors: vectorsOf,
  };
}

const loaded = new Map<string, Language>();

/** The language pack for `code` (only "en" ships), read once per process. */
export function loadLanguage(code: string): Language {
  let language = loaded.get(code);
  if (!language) {
    language = readLanguage(code);
    loaded.set(code, language);
  }
  return language;
}
