import { createRequire } from "node:module";
import type nlpType from "compromise";

// Removes what identifies a person from a message before it is written to the unanswered log: people's
// names (compromise's name recogniser, plus rules for how people introduce and sign themselves), emails
// (plain and "alice (at) example (dot) com"), URLs, handles, dates of birth, street addresses and
// postcodes, card security codes, ID numbers and phone numbers. Over-scrubbing a rare capitalised word
// is the accepted cost of never keeping a name.

const MONTH =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
// "alice(at)example(dot)com", "alice [at] example [dot] co [dot] uk", "alice at example dot com".
const OBFUSCATED_EMAIL =
  /[\p{L}\p{N}._%+-]+\s*(?:[([{<]\s*(?:at|@)\s*[)\]}>]|\bat\b)\s*[\p{L}\p{N}-]+(?:\s*(?:[([{<]\s*(?:dot|\.)\s*[)\]}>]|\bdot\b|\.)\s*[\p{L}\p{N}-]+)*\s*(?:[([{<]\s*(?:dot|\.)\s*[)\]}>]|\bdot\b)\s*[a-z]{2,}\b/giu;
const DATE_OF_BIRTH = new RegExp(
  String.raw`\b(?:born(?:\s+(?:on|in))?|dob|d\.o\.b\.?|date\s+of\s+birth|birthday(?:\s+is)?)\s*[:\-]?\s*(?:the\s+)?` +
    // Longest forms first: "4th March 1979" before its leading "4".
    String.raw`(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}\.?,?(?:\s+\d{2,4})?|${MONTH}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{2,4})?|\d{1,4}(?:[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?)?)`,
  "gi",
);
// Whole dates, which in a question about a skin treatment are most often a birthday: "03/04/1990", "4 March 1990".
const FULL_DATE = new RegExp(
  String.raw`\b(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}\.?,?\s+(?:19|20)\d{2}|${MONTH}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2})\b`,
  "gi",
);
const CARD_CODE =
  /\b(?:cvv2?|cvc2?|csc|cid|security\s+code|card\s+code|card\s+verification\s+(?:code|value))\b(?:\s*(?:is|:|#|-|=))?\s*\d{3,4}\b/gi;
const STREET =
  /\b\d{1,5}[a-z]?\s+(?:[\p{L}'’.-]+\s+){0,3}(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|court|ct|close|way|place|pl|terrace|crescent|square|sq|parkway|pkwy|highway|hwy|circle|cir|grove|gardens|row|mews)\b\.?(?:,?\s*(?:apt|apartment|unit|suite|flat|#)\s*[\p{L}\p{N}-]+)?/giu;
const FLAT = /\b(?:apt|apartment|unit|suite|flat)\.?\s*#?\s*\d+[a-z]?\b/gi;
// UK postcodes ("SW1A 1AA") and US ZIP+4 ("02139-4307"); a bare 5-digit number is too often not one.
const POSTCODE = /\b(?:[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}|\d{5}-\d{4})\b/gi;
// UK National Insurance numbers ("QQ 12 34 56 C"); US SSNs are caught as phone-like digit runs.
const NATIONAL_ID = /\b[a-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[a-d]\b/gi;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const URL_LIKE =
  /\b(?:(?:https?|ftp):\/\/|www\.)\S+?(?=[.,!?;:)]*(?:\s|$))|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|io|co|uk|us|ca|au|de|fr|nl|ie|nz|me|app|health|clinic|biz|ly|gl)\b(?:\/\S*?(?=[.,!?;:)]*(?:\s|$)))?/giu;
// Seven or more digits, allowing spaces, dots, dashes and brackets between them: "+1 (555) 013-4210".
const PHONE = /(?<![\p{L}\p{N}])\+?\(?\d(?:[\s().-]{0,3}\d){6,}(?![\p{L}\p{N}])/gu;
const HANDLE = /(?<![\p{L}\p{N}.])@[\p{L}\p{N}_]{2,}/gu;

/** Words that commonly follow "I'm" / "hi" / "thanks" without being a name. */
const NOT_NAMES = new Set(
  (
    "a an the not so very just really also still here there back all everyone everybody team folks guys " +
    "again new sure sorry worried nervous scared curious interested pregnant breastfeeding allergic diabetic " +
    "okay ok fine good great well ready done in on at from with about for and but or if to of as by " +
    "i i'm i’m im i've i'd it it's it’s this that my me we you your they he she is are was am be can could " +
    "do does did will would should may might how what when where why who which quick question please"
  ).split(" "),
);
const isCommon = (word: string) => NOT_NAMES.has(word.toLowerCase());
const isNotName = (word: string) => isCommon(word) || /ing$/i.test(word);

// Case-insensitive without the `i` flag, which would make \p{Lu} match lowercase letters too.
// "hi" => "[hH][iI]"
const ci = (words: string) =>
  words.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`).replace(/ /g, "\\s+");
const alt = (list: string[]) => `(?:${list.map(ci).join("|")})`;

const CAP = "\\p{Lu}[\\p{L}'’-]*";
const ANY = "\\p{L}[\\p{L}'’-]*";
/** One or two capitalised words: "Sarah", "Sarah Jones". */
const CAP_NAME = `${CAP}(?:\\s+${CAP})?`;

const INTRO = alt(["my name is", "my name's", "my name’s", "name is"]);
const SELF = alt(["i'm", "i’m", "im", "i am", "this is", "it's", "it’s", "call me"]);
const GREETING = alt([
  "hi",
  "hello",
  "hey",
  "hiya",
  "dear",
  "good morning",
  "good afternoon",
  "good evening",
]);
const TITLE = `(?:${alt(["dr", "mr", "mrs", "ms", "miss"])}\\.?\\s+)?`;
const SIGN_OFF = alt([
  "thanks",
  "thank you",
  "thx",
  "cheers",
  "regards",
  "kind regards",
  "best",
  "best wishes",
  "love",
  "sincerely",
]);
const END = "(?=\\s*[.!]*\\s*(?:[xX]+)?\\s*$)";

/**
 * "Sarah Jones" => "[name]"; "Sarah and" => "[name] and"; "Worried" => "Worried".
 * `anyCase` (after "my name is"): the first word is a name unless it is a common word.
 */
function scrubName(name: string, { anyCase }: { anyCase: boolean }): string {
  const [first = "", second] = name.split(/\s+/);
  if (anyCase ? isCommon(first) : isNotName(first)) return name;
  if (second === undefined) return "[name]";
  return (anyCase ? isCommon(second) : isNotName(second)) ? `[name] ${second}` : "[name]";
}

const NAME_PATTERNS: Array<{ pattern: RegExp; anyCase: boolean }> = [
  // "my name is sarah", "call me Sam": any case, people often type lowercase.
  { pattern: new RegExp(`\\b(${INTRO}\\s+)(${ANY}(?:\\s+${ANY})?)`, "gu"), anyCase: true },
  // "I'm Sarah", "this is Sarah Jones": capitalised only ("I'm worried" is not a name).
  { pattern: new RegExp(`\\b(${SELF}\\s+)(${CAP_NAME})`, "gu"), anyCase: false },
  // "Hi Sarah,", "Hello Dr Smith", "Dear Anna".
  { pattern: new RegExp(`\\b(${GREETING}[,!]?\\s+${TITLE})(${CAP_NAME})`, "gu"), anyCase: false },
  // "Thanks, Anna", "Best regards, Sarah Jones", "- Sam" at the end of the message.
  {
    pattern: new RegExp(`((?:\\b${SIGN_OFF}|[-–—])[,!.]?\\s+)(${CAP_NAME})${END}`, "gu"),
    anyCase: false,
  },
  // A last line that is only a name: "…does it hurt?\nSarah".
  { pattern: new RegExp(`(\\n\\s*)(${CAP_NAME})${END}`, "gu"), anyCase: false },
];

/**
 * "Hi, I'm Sarah, call me on 07700 900123 or sarah@x.com" =>
 * "Hi, I'm [name], call me on [phone] or [email]"
 */
export function scrubMessage(text: string): string {
  let out = text
    .replace(EMAIL, "[email]")
    .replace(OBFUSCATED_EMAIL, "[email]")
    .replace(URL_LIKE, "[url]")
    .replace(HANDLE, "[handle]")
    .replace(DATE_OF_BIRTH, "[date of birth]")
    .replace(FULL_DATE, "[date]")
    .replace(CARD_CODE, "[card code]")
    .replace(STREET, "[address]")
    .replace(FLAT, "[address]")
    .replace(NATIONAL_ID, "[id]")
    .replace(POSTCODE, "[postcode]")
    // "(07700 900123, …" keeps its bracket: only "(555) 013…" owns it.
    .replace(PHONE, (match) => (match.startsWith("(") && !match.includes(")") ? "([phone]" : "[phone]"));
  for (const { pattern, anyCase } of NAME_PATTERNS) {
    out = out.replace(pattern, (_match, lead: string, name: string) => lead + scrubName(name, { anyCase }));
  }
  return scrubRecognisedNames(out);
}

const require = createRequire(import.meta.url);
let nlp: typeof nlpType | undefined;
// compromise takes about 0.3 s to load: a server loads it after it listens (warmScrubber), not before.
const recogniser = () => {
  nlp ??= require("compromise") as typeof nlpType;
  return nlp;
};

/** Loads the name recogniser now, so the first scrubbed message does not wait for it. */
export function warmScrubber(): void {
  recogniser();
}

const TITLE_ONLY = /^\W*(?:dr|mr|mrs|ms|miss|prof)\.?\W*$/i;

/** Names compromise recognises anywhere ("my daughter Emma", "can Mike do it"), titles and all. */
function scrubRecognisedNames(text: string): string {
  const found = recogniser()(text).people().json({ offset: true }) as Array<{
    offset?: { start: number; length: number };
    text: string;
  }>;
  let out = text;
  // From the end, so earlier offsets stay right.
  for (const { offset, text: name } of found.reverse()) {
    if (offset === undefined || !/\p{L}/u.test(name) || name.includes("[") || TITLE_ONLY.test(name)) continue;
    const span = out.slice(offset.start, offset.start + offset.length);
    // Keep what the recogniser swept in around the name: "- Sarah" → "- [name]", "jennifer," → "[name],".
    const lead = /^[^\p{L}]*/u.exec(span)?.[0] ?? "";
    const tail = /[^\p{L}.]*$/u.exec(span)?.[0] ?? "";
    out = `${out.slice(0, offset.start)}${lead}[name]${tail}${out.slice(offset.start + offset.length)}`;
  }
  return out;
}
