/** Carrier-mandated and paging keywords: answered by the SMS channel itself, never sent to the engine. */
export type SmsKeyword = "opt-out" | "opt-in" | "help" | "more";

// Twilio's default opt-out set for long codes (STOP… OPTOUT), its opt-in set, and HELP/INFO.
const KEYWORDS: Record<string, SmsKeyword> = {
  STOP: "opt-out",
  STOPALL: "opt-out",
  UNSUBSCRIBE: "opt-out",
  CANCEL: "opt-out",
  END: "opt-out",
  QUIT: "opt-out",
  REVOKE: "opt-out",
  OPTOUT: "opt-out",
  START: "opt-in",
  YES: "opt-in",
  UNSTOP: "opt-in",
  HELP: "help",
  INFO: "help",
  MORE: "more",
};

/** " Stop. " => "opt-out"; "stop it hurting" => undefined (only the whole message counts). */
export function classifyKeyword(text: string): SmsKeyword | undefined {
  const word = text
    .trim()
    .replace(/[.!]+$/, "")
    .toUpperCase();
  return Object.hasOwn(KEYWORDS, word) ? KEYWORDS[word] : undefined;
}
