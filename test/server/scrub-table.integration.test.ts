import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scrubMessage } from "../../src/server/learning/index.ts";
import { chat, type ServerProcess, startServerProcess } from "../support/server-process.ts";

// Realistic messages a clinic's bot receives, each with what must go (personal) and what must stay (the question).
const TABLE: ReadonlyArray<{ text: string; gone: string[]; kept: string }> = [
  { text: "Thanks, Dr. Alice Wong", gone: ["Alice", "Wong"], kept: "Thanks" },
  { text: "i'm alice, does it hurt?", gone: ["alice"], kept: "does it hurt?" },
  { text: "hi this is jennifer, how long is recovery", gone: ["jennifer"], kept: "how long is recovery" },
  { text: "My name is Priya Patel and I have acne scars", gone: ["Priya", "Patel"], kept: "acne scars" },
  { text: "my daughter Emma has stretch marks, can she have it?", gone: ["Emma"], kept: "stretch marks" },
  { text: "Can Mike do my treatment on Friday?", gone: ["Mike"], kept: "my treatment" },
  { text: "does microneedling hurt? - Sarah", gone: ["Sarah"], kept: "does microneedling hurt?" },
  { text: "Best regards, Tom Baker", gone: ["Tom", "Baker"], kept: "Best regards" },
  { text: "Hello Dr Smith, how long do results last?", gone: ["Smith"], kept: "how long do results last?" },
  { text: "Dear Anna, is it safe in pregnancy?", gone: ["Anna"], kept: "is it safe in pregnancy?" },
  { text: "email me at alice(at)example(dot)com", gone: ["alice", "example"], kept: "email me" },
  {
    text: "my email is alice [at] example [dot] co [dot] uk",
    gone: ["alice", "example"],
    kept: "my email is",
  },
  { text: "reach me: bob at gmail dot com please", gone: ["bob", "gmail"], kept: "please" },
  {
    text: "jane.doe+spa@mail.example.co.uk is my email",
    gone: ["jane.doe", "mail.example"],
    kept: "is my email",
  },
  { text: "call me on 07700 900123 after 5", gone: ["07700 900123"], kept: "call me on" },
  { text: "my number is +1 (555) 013-4210", gone: ["013-4210"], kept: "my number is" },
  { text: "text 555.013.4210 to book", gone: ["555.013.4210"], kept: "to book" },
  { text: "whatsapp +44 7700 900 456", gone: ["7700 900 456"], kept: "whatsapp" },
  { text: "I was born on 03/04/1990, am I too old?", gone: ["03/04/1990"], kept: "am I too old?" },
  { text: "DOB 1985-07-21 can I book", gone: ["1985-07-21"], kept: "can I book" },
  { text: "date of birth: 4th March 1979", gone: ["4th March 1979", "1979"], kept: "date of birth" },
  { text: "born in 1962, is it ok at my age", gone: ["1962"], kept: "is it ok at my age" },
  {
    text: "my birthday is July 9, 2001 and i want it before",
    gone: ["July 9, 2001", "2001"],
    kept: "i want it before",
  },
  { text: "I'm 12/11/1988 born, is it safe", gone: ["12/11/1988"], kept: "is it safe" },
  {
    text: "I live at 42 Elm Street, is there a clinic near me",
    gone: ["42 Elm Street"],
    kept: "is there a clinic near me",
  },
  { text: "address 221B Baker St, London NW1 6XE", gone: ["221B Baker St", "NW1 6XE"], kept: "address" },
  {
    text: "send it to 1600 Pennsylvania Avenue NW apt 4",
    gone: ["1600 Pennsylvania Avenue"],
    kept: "send it to",
  },
  { text: "flat 12 on Rose Lane, do you come to homes", gone: ["flat 12"], kept: "do you come to homes" },
  { text: "postcode SW1A 1AA, nearest clinic?", gone: ["SW1A 1AA"], kept: "nearest clinic?" },
  { text: "zip 02139-4307", gone: ["02139-4307"], kept: "zip" },
  { text: "my cvv is 123 for the deposit", gone: ["123"], kept: "for the deposit" },
  { text: "security code: 4821, card ending 4242", gone: ["4821"], kept: "card ending" },
  { text: "CVC 987 ok?", gone: ["987"], kept: "ok?" },
  { text: "card 4111 1111 1111 1111 exp 09/27 cvv2 321", gone: ["4111 1111 1111 1111", "321"], kept: "card" },
  { text: "NI number QQ 12 34 56 C for the invoice", gone: ["QQ 12 34 56 C"], kept: "for the invoice" },
  { text: "ssn 123-45-6789 needed?", gone: ["123-45-6789"], kept: "needed?" },
  { text: "see https://example.com/me?id=88, is that you?", gone: ["example.com"], kept: "is that you?" },
  { text: "found you on www.lumenskin-reviews.org", gone: ["lumenskin-reviews"], kept: "found you on" },
  { text: "ask @sarah_j about it", gone: ["sarah_j"], kept: "about it" },
  { text: "It's Maria from accounts, do you do the neck?", gone: ["Maria"], kept: "do you do the neck?" },
  {
    text: "Hi, I'm Sarah Jones, 07700 900123, sarah@x.com",
    gone: ["Sarah", "Jones", "900123", "sarah@x.com"],
    kept: "Hi",
  },
  {
    text: "this is Maria Lopez, born 2 May 1991, can I come Tuesday",
    gone: ["Maria", "Lopez", "1991"],
    kept: "can I come Tuesday",
  },
  { text: "thx xx\nChloe", gone: ["Chloe"], kept: "thx" },
  { text: "how much is it? cheers Tom x", gone: ["Tom"], kept: "how much is it?" },
  { text: "my husband David wants to know if men can get it", gone: ["David"], kept: "if men can get it" },
  { text: "Jessica here! does it help with pores", gone: ["Jessica"], kept: "does it help with pores" },
  { text: "call me Sam, when will I see results", gone: ["Sam"], kept: "when will I see results" },
  { text: "Kind regards,\nOlivia Brown", gone: ["Olivia", "Brown"], kept: "Kind regards" },
  { text: "my mum Linda (65) wants it for wrinkles", gone: ["Linda"], kept: "wants it for wrinkles" },
  { text: "sent from alice.w@outlook.com on my phone", gone: ["alice.w"], kept: "on my phone" },
  {
    text: "I'm at 10 Downing Street till 5, can you call",
    gone: ["10 Downing Street"],
    kept: "can you call",
  },
  { text: "dob: 1/2/03 is that under 18?", gone: ["1/2/03"], kept: "is that under 18?" },
  { text: "mail me alice dot smith at example dot com", gone: ["example"], kept: "mail me" },
];

// Questions with nothing personal in them stay exactly as they were.
const UNTOUCHED = [
  "does it hurt?",
  "how long do results last? 30-45 days or 3 to 6 months?",
  "I'm worried about scarring",
  "can I use Retinol after microneedling?",
  "is it safe on darker skin",
  "how many sessions for acne scars",
  "what should I do 24 hours after",
  "Hi, Does it hurt?",
];

describe("scrubMessage on realistic messages", () => {
  it("has at least 50 realistic messages in its table", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(50);
  });

  it.each(TABLE)("removes what is personal from $text", ({ text, gone, kept }) => {
    const scrubbed = scrubMessage(text);
    for (const secret of gone) expect(scrubbed).not.toContain(secret);
    expect(scrubbed).toContain(kept);
  });

  it.each(UNTOUCHED)("leaves %j as it is", (text) => {
    expect(scrubMessage(text)).toBe(text);
  });
});

describe("the unanswered log and the server's own log of a running server (real server process)", () => {
  let server: ServerProcess;
  const log = join(mkdtempSync(join(tmpdir(), "faq-scrub-")), "unanswered.jsonl");
  beforeAll(async () => {
    server = await startServerProcess({ UNANSWERED_LOG: log }, { startTimeoutMs: 60_000 });
  }, 90_000);
  afterAll(async () => {
    await server?.kill();
  });

  it("keeps nothing personal from any of the table's messages", async () => {
    for (const { text } of TABLE) expect((await chat(server, text)).status).toBe(200);
    // The log is appended asynchronously: wait until the fallbacks have reached it.
    const deadline = Date.now() + 30_000;
    let lines: string[] = [];
    while (Date.now() < deadline) {
      lines = readFileSync(log, "utf8").split("\n").filter(Boolean);
      if (lines.length >= TABLE.length / 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(lines.length, "unanswered log lines written within 30 s").toBeGreaterThanOrEqual(TABLE.length / 2);
    const written = lines.map((line) => (JSON.parse(line) as { text: string }).text).join("\n");
    // What the server's log lines say in words: their string fields, not timestamps, ports or latencies
    // ("…T07:29:10.987Z" and "321 ms" are not a card code).
    const strings = (value: unknown): string[] =>
      typeof value === "string"
        ? [value]
        : typeof value === "object" && value !== null
          ? Object.entries(value).flatMap(([key, v]) => (key === "time" ? [] : strings(v)))
          : [];
    const logged = server
      .output()
      .split("\n")
      .flatMap((line) => {
        try {
          return strings(JSON.parse(line));
        } catch {
          return [line];
        }
      })
      .join("\n");
    const said = (text: string, secret: string) =>
      new RegExp(
        `(^|[^\\p{L}\\p{N}])${secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}\\p{N}])`,
        "u",
      ).test(text);
    const leaked = TABLE.flatMap(({ gone }) => gone).filter(
      (secret) => written.includes(secret) || said(logged, secret),
    );
    expect(leaked).toEqual([]);
  }, 120_000);
});
