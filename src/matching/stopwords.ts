/** Function words that say nothing about the topic. Question words ("how long", "when") stay: they do. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a an the is are am was were be been being i me my mine myself you your yours it its itself this that these " +
    "those to of in on at for with and or but so if just really very do does did doing please um uh like would " +
    "could should will shall can may might there here also too get getting got has have had im id ive u ur " +
    "some any one thing things about anyone someone lot actually basically still even ever much many"
  ).split(" "),
);

/** Words that carry the question's shape; kept for features even though short and common. */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(
  "how long many much often soon when what who where which why after before during".split(" "),
);
