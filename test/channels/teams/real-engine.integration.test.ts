import { type Activity, ConversationState, MemoryStorage, TestAdapter } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TeamsFaqBot } from "../../../src/channels/teams/bot.ts";
import type { Engine } from "../../../src/dialog/types.ts";
import { shippedEngine, TEST_CLINIC } from "../../support/shipped.ts";
import { silentLogger } from "./fakes.ts";
import { messageActivity, startBot, startConnector, waitForReply } from "./http.ts";

async function realEngine(): Promise<Engine> {
  return shippedEngine();
}

type Card = { body: { style?: string }[]; actions?: { type: string; url?: string }[] };
const cardOf = (activity: Partial<Activity>) => activity.attachments?.[0]?.content as Card | undefined;

describe("Teams through the real engine and the shipped knowledge base", () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await realEngine();
  });

  function adapter() {
    const bot = new TeamsFaqBot({
      engine,
      conversationState: new ConversationState(new MemoryStorage()),
      logger: silentLogger(),
    });
    return new TestAdapter((turn) => bot.run(turn));
  }

  it("answers with citation markers matching the citation entity, and flags disagreement", async () => {
    await adapter()
      .send("How long do the results last?")
      .assertReply((activity) => {
        const entity = activity.entities?.[0] as unknown as { citation: { position: number }[] } | undefined;
        const citations = entity?.citation ?? [];
        expect(citations.length).toBeGreaterThan(0);
        for (const { position } of citations) expect(activity.text).toContain(`[${position}]`);
        expect(cardOf(activity)?.body[0]?.style).toBe("warning");
        expect(activity.suggestedActions?.actions.length).toBeGreaterThan(0);
        expect(activity.suggestedActions?.actions.length).toBeLessThanOrEqual(3);
      })
      .startTest();
  });

  it("marks a possible complication as urgent and offers no follow-ups", async () => {
    await adapter()
      .send("my face is swelling and I can't breathe")
      .assertReply((activity) => {
        expect(cardOf(activity)?.body[0]?.style).toBe("attention");
        expect(activity.text).toMatch(/provider|emergency/i);
        expect(activity.suggestedActions).toBeUndefined();
      })
      .startTest();
  });

  it("hands a booking over to the clinic with its contact details", async () => {
    await adapter()
      .send("I want to book")
      .assertReply((activity) => {
        expect(activity.text).toContain(TEST_CLINIC.phone);
        expect(JSON.stringify(cardOf(activity))).toContain(`Contact ${TEST_CLINIC.name}`);
      })
      .startTest();
  });

  it("does not suggest a topic already answered in the conversation", async () => {
    let first: string[] = [];
    await adapter()
      .send("does it hurt")
      .assertReply((activity) => {
        first = (activity.suggestedActions?.actions ?? []).map((a) => String(a.value));
      })
      .send("How long is the recovery or downtime?")
      .assertReply((activity) => {
        const next = (activity.suggestedActions?.actions ?? []).map((a) => String(a.value));
        expect(next).not.toContain("Does microneedling hurt?");
      })
      .startTest();
    expect(first.length).toBeGreaterThan(0);
  });

  describe("over real HTTP", () => {
    const stops: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const stop of stops) await stop();
    });

    it("posts a cited answer to the serviceUrl", async () => {
      const connector = await startConnector();
      const logger = silentLogger();
      const bot = await startBot({ engine, config: {}, logger });
      stops.push(connector.stop, bot.stop);
      const res = await fetch(`${bot.url}/api/messages`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(messageActivity(connector.url, { text: "Does microneedling hurt?" })),
      });
      expect(res.status).toBe(200);
      const sent = connector.captured[0]?.body as Partial<Activity>;
      expect(sent.text).toMatch(/\[1\]/);
      const entity = sent.entities?.[0] as unknown as {
        "@type": string;
        citation: { appearance: { name: string } }[];
      };
      expect(entity["@type"]).toBe("Message");
      expect(entity.citation[0]).toMatchObject({
        "@type": "Claim",
        position: 1,
        appearance: { "@type": "DigitalDocument" },
      });
      expect(logger.warnings.filter((w) => w.msg !== undefined && /failed/.test(w.msg))).toEqual([]);
    });

    it("posts urgent and handoff cards whose buttons call the clinic (and emergency services) or open the booking page", async () => {
      const connector = await startConnector();
      const bot = await startBot({ engine, config: {}, logger: silentLogger() });
      stops.push(connector.stop, bot.stop);
      const { clinic, copy } = engine.profile;
      expect(clinic.bookingUrl).toBeTruthy();
      const tel = (n: string) => `tel:${n.replace(/[^\d+]/g, "")}`;
      const turns = [
        { id: "urgent-1", text: "my face is swelling and I can't breathe" },
        { id: "handoff-1", text: "I want to book an appointment" },
      ];
      for (const turn of turns) {
        const res = await fetch(`${bot.url}/api/messages`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(messageActivity(connector.url, { id: turn.id, text: turn.text })),
        });
        expect(res.status).toBe(200);
      }
      const [urgent, handoff] = await Promise.all(turns.map((t) => waitForReply(connector, t.id, 20_000)));
      const actionsOf = (body: Record<string, unknown>) =>
        cardOf(body as Partial<Activity>)?.actions?.map((a) => [a.type, a.url]) ?? [];
      expect(cardOf(urgent!.body as Partial<Activity>)?.body[0]?.style).toBe("attention");
      expect(actionsOf(urgent!.body)).toEqual([
        ["Action.OpenUrl", tel(clinic.phone)],
        ...copy.emergencyNumbers.map((n) => ["Action.OpenUrl", tel(n)]),
      ]);
      expect(JSON.stringify(urgent!.body)).not.toContain(clinic.bookingUrl ?? "no booking url");
      expect(actionsOf(handoff!.body)).toEqual([
        ["Action.OpenUrl", tel(clinic.phone)],
        ["Action.OpenUrl", clinic.bookingUrl],
      ]);
    }, 30_000);
  });
});
