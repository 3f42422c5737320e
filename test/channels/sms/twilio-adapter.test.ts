import { createHmac } from "node:crypto";
import { ActivityHandler, type TurnContext } from "botbuilder";
import { describe, expect, it } from "vitest";
import { hashPhoneNumber, TwilioAdapter } from "../../../src/channels/sms/index.ts";
import { BotError } from "../../../src/errors.ts";
import { inbound, messagesOf, PHONE } from "./helpers.ts";

const adapter = () => new TwilioAdapter({ hashPhoneNumber: (phone) => hashPhoneNumber(phone, "salt") });

describe("TwilioAdapter", () => {
  it("turns a webhook into a message activity keyed by the hashed number", () => {
    const params = inbound("Does it hurt?");
    const activity = adapter().toActivity(params);
    const hashed = hashPhoneNumber(PHONE, "salt");
    expect(activity).toMatchObject({
      type: "message",
      channelId: "sms",
      id: params.MessageSid,
      text: "Does it hurt?",
      from: { id: hashed, role: "user" },
      conversation: { id: hashed, isGroup: false },
    });
    expect(JSON.stringify(activity)).not.toContain("5551234567");
  });

  it("runs an ActivityHandler and answers with the messages it sent, as TwiML", async () => {
    const bot = new ActivityHandler();
    bot.onMessage(async (context, next) => {
      await context.sendActivity(`You said: ${context.activity.text}`);
      await context.sendActivities([{ type: "typing" }, { type: "message", text: "Second <part> & more" }]);
      await next();
    });
    const twiml = await adapter().processWebhook(inbound("hi"), (context) => bot.run(context));
    expect(twiml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>You said: hi</Message>' +
        "<Message>Second &lt;part&gt; &amp; more</Message></Response>",
    );
    expect(messagesOf(twiml)).toEqual(["You said: hi", "Second <part> & more"]);
  });

  it("answers with an empty Response when the bot sends nothing", async () => {
    const twiml = await adapter().processWebhook(inbound("STOP"), async () => {});
    expect(twiml).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it("runs middleware around the bot logic", async () => {
    const seen: string[] = [];
    const a = adapter().use(async (context, next) => {
      seen.push(`before:${context.activity.channelId}`);
      await next();
      seen.push("after");
    });
    await a.processWebhook(inbound("x"), async () => {
      seen.push("logic");
    });
    expect(seen).toEqual(["before:sms", "logic", "after"]);
  });

  it("refuses to edit or delete a sent SMS with a clear error", async () => {
    let caught: unknown[] = [];
    await adapter().processWebhook(inbound("x"), async (context: TurnContext) => {
      caught = await Promise.all([
        context.updateActivity({ id: "1", type: "message", text: "edited" }).catch((e: unknown) => e),
        context.deleteActivity("1").catch((e: unknown) => e),
      ]);
    });
    expect(caught[0]).toBeInstanceOf(BotError);
    expect((caught[0] as BotError).code).toBe("SMS_UPDATE_UNSUPPORTED");
    expect((caught[1] as BotError).code).toBe("SMS_DELETE_UNSUPPORTED");
  });

  it("runs continueConversation logic but cannot send outside a webhook", async () => {
    const a = adapter();
    const reference = {
      channelId: "sms",
      conversation: { id: "sms-abc", isGroup: false, conversationType: "personal", name: "" },
    };
    let conversationId = "";
    await a.continueConversation(reference, async (context) => {
      conversationId = context.activity.conversation.id;
    });
    expect(conversationId).toBe("sms-abc");
    await expect(
      a.continueConversation(reference, async (context) => {
        await context.sendActivity("proactive");
      }),
    ).rejects.toThrow(/only be sent while answering a Twilio webhook/);
  });

  it("rejects a webhook without From", () => {
    expect(() => adapter().toActivity({ Body: "hi" })).toThrow(/no From parameter/);
  });
});

describe("hashPhoneNumber", () => {
  it("is stable, keyed, format-insensitive and reveals no digits", () => {
    const a = hashPhoneNumber("+1 (555) 123-4567", "s1");
    expect(a).toBe(hashPhoneNumber("+15551234567", "s1"));
    expect(a).not.toBe(hashPhoneNumber("+15551234567", "s2"));
    expect(a).toMatch(/^sms-[0-9a-f]{32}$/);
    // An HMAC under the key, not a hash of key and number run together.
    expect(a).toBe(`sms-${createHmac("sha256", "s1").update("+15551234567").digest("hex").slice(0, 32)}`);
  });
});
