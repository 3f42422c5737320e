import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { computeTwilioSignature } from "../../../src/channels/sms/index.ts";
import { smsForm } from "../../server/abuse-server.ts";
import { type ServerProcess, startServerProcess } from "../../support/server-process.ts";
import { closeStartedServers, fakeEngine, inbound, makeReply, messagesOf, startServer } from "./helpers.ts";

const TOKEN = "test-twilio-token-0123456789";
const SECRET = "sms-hash-secret-for-this-test-0123456789";
const PHONE = "+15551234567";
const EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.kill();
  server = undefined;
  await closeStartedServers();
});

/** A signed Twilio webhook to the server process: `params` as sent, signed over `signed` (default: the same). */
async function sms(
  params: Record<string, string>,
  signed: Record<string, string> = params,
): Promise<{ status: number; body: string }> {
  const url = `${server!.url}/api/sms`;
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Twilio-Signature": computeTwilioSignature(TOKEN, url, signed),
    },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, body: await res.text() };
}

const form = (body: string, from = PHONE) => Object.fromEntries(new URLSearchParams(smsForm(from, body)));

const start = (env: Record<string, string> = {}) =>
  startServerProcess(
    { TWILIO_AUTH_TOKEN: TOKEN, SMS_HASH_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: "3", ...env },
    { startTimeoutMs: 60_000 },
  );

describe("SMS webhooks that verify but must not count (real server process)", () => {
  it("answers a MessageSid once: a replayed webhook gets an empty reply and never reaches the engine", async () => {
    server = await start();
    const first = form("does it hurt?");
    expect(messagesOf((await sms(first)).body)).toHaveLength(1);
    for (let i = 0; i < 10; i++) expect((await sms(first)).body).toBe(EMPTY);
    // The process's log lines arrive over a pipe, a moment after its replies.
    const replayed = () => server!.logs.filter((l) => l.msg.startsWith("sms webhook replayed")).length;
    await expect
      .poll(replayed, { timeout: 20_000, message: "ten 'sms webhook replayed' log lines" })
      .toBe(10);
    expect(server.logs.filter((l) => l.msg === "sms turn")).toHaveLength(1);
  }, 90_000);

  it("refuses a From that is not E.164, so 'From=+1555…FromCityBOSTON' cannot pose as another sender", async () => {
    server = await start();
    const real = { ...form("does it hurt?"), FromCity: "BOSTON" };
    // Twilio's signature runs keys and values together: moving FromCity into From signs the same.
    const forged: Record<string, string> = { ...real, From: `${PHONE}FromCityBOSTON` };
    delete forged.FromCity;
    const url = `${server.url}/api/sms`;
    expect(computeTwilioSignature(TOKEN, url, forged)).toBe(computeTwilioSignature(TOKEN, url, real));
    const res = await sms(
      { ...forged, MessageSid: `SM${"f".repeat(32)}` },
      { ...real, MessageSid: `SM${"f".repeat(32)}` },
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toEqual({
      code: "invalid_request",
      message: "From must be a phone number in E.164 form, such as +15551234567.",
    });
  }, 90_000);

  it("logs numbers only as an HMAC under SMS_HASH_SECRET, never the number", async () => {
    server = await start();
    await sms(form("does it hurt?"));
    const turn = await server.waitForLog((l) => l.msg === "sms turn", 30_000);
    const expected = `sms-${createHmac("sha256", SECRET).update(PHONE).digest("hex").slice(0, 32)}`;
    expect(turn.user).toBe(expected);
    expect(server.output()).not.toContain("5551234567");
  }, 90_000);

  it("refuses to start in production with SMS on and no SMS_HASH_SECRET", async () => {
    await expect(
      startServerProcess(
        {
          NODE_ENV: "production",
          CLINIC_NAME: "Glow Clinic",
          CLINIC_PHONE: "+1 555 0199",
          TEAMS_ENABLED: "false",
          TWILIO_AUTH_TOKEN: TOKEN,
        },
        { startTimeoutMs: 60_000 },
      ),
    ).rejects.toThrow(/SMS_HASH_SECRET: is required in production with SMS on/);
  }, 90_000);
});

describe("SMS opt-outs survive a restart without Redis (real server process)", () => {
  it("keeps a STOP across restarts in SMS_OPT_OUT_FILE, answers HELP meanwhile, and START lifts it", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "faq-optouts-")), "state", "opt-outs.json");
    const env = { SMS_OPT_OUT_FILE: file, RATE_LIMIT_PER_MINUTE: "0" };
    server = await start(env);
    expect(messagesOf((await sms(form("does it hurt?"))).body)).toHaveLength(1);
    expect((await sms(form("STOP"))).body).toBe(EMPTY);
    expect(readFileSync(file, "utf8")).not.toContain("5551234567");
    await server.kill(); // no graceful shutdown: the STOP must already be on disk

    server = await start(env);
    expect((await sms(form("does it hurt?"))).body).toBe(EMPTY);
    const help = messagesOf((await sms(form("HELP"))).body).join("\n");
    expect(help).toContain("Reply STOP to opt out.");
    expect(messagesOf((await sms(form("START"))).body).join("\n")).toMatch(/^You're opted back in/);
    await server.kill();

    server = await start(env);
    expect(messagesOf((await sms(form("does it hurt?"))).body)).toHaveLength(1);
  }, 180_000);

  it("refuses to start on an opt-out file it cannot read, rather than forget who opted out", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "faq-optouts-")), "opt-outs.json");
    writeFileSync(file, "{ not json");
    await expect(start({ SMS_OPT_OUT_FILE: file })).rejects.toThrow(
      /SMS_OPT_OUT_FILE .* cannot be read as an opt-out list/,
    );
  }, 90_000);
});

describe("SMS shows knowledge text as plain text (real HTTP)", () => {
  it("strips HTML tags and markdown from an answer", async () => {
    const engine = fakeEngine(() => ({
      reply: makeReply({ text: "<b>Bold</b> claim with [a link](javascript:alert(1)) and **stars**." }),
    }));
    const local = await startServer({ engine });
    const res = await local.post(inbound("does it hurt?"));
    const [message] = messagesOf(await res.text());
    expect(message).toContain("Bold claim with a link (javascript:alert(1)) and stars.");
    expect(message).not.toMatch(/<b>|\*\*|\]\(/);
  });
});
