import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from "botbuilder";
import { BotError } from "../../errors.ts";
import { renderTwiml } from "./twiml.ts";

export const SMS_CHANNEL_ID = "sms";

/** Form parameters of a Twilio messaging webhook (From, To, Body, MessageSid, NumMedia, …). */
export type TwilioParams = Record<string, string | string[]>;

export interface TwilioAdapterOptions {
  /** Turns a phone number into the opaque id used everywhere instead of it. */
  hashPhoneNumber: (phone: string) => string;
}

// Per-turn outbox: replies travel back in the webhook's HTTP response, not through an API call.
const OUTBOX = Symbol("sms.outbox");

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/**
 * A Bot Framework adapter for Twilio messaging webhooks, so SMS runs through an ActivityHandler like
 * Teams does. Twilio expects the reply in the webhook's response, so `sendActivities` collects the
 * turn's messages and `processWebhook` returns them as TwiML. The raw phone number never enters an
 * activity: `from.id` and `conversation.id` are its hash.
 */
export class TwilioAdapter extends BotAdapter {
  readonly #hash: (phone: string) => string;

  constructor(options: TwilioAdapterOptions) {
    super();
    this.#hash = options.hashPhoneNumber;
  }

  /** A verified webhook's parameters => the message activity the bot sees. */
  toActivity(params: TwilioParams): Partial<Activity> {
    const from = first(params.From);
    if (from === "") throw new BotError("SMS_NO_SENDER", "The Twilio webhook has no From parameter.");
    const userId = this.#hash(from);
    const to = first(params.To);
    return {
      type: ActivityTypes.Message,
      id: first(params.MessageSid) || first(params.SmsSid) || undefined,
      channelId: SMS_CHANNEL_ID,
      serviceUrl: "https://api.twilio.com",
      timestamp: new Date(),
      from: { id: userId, name: "", role: "user" },
      recipient: { id: to ? this.#hash(to) : "sms-bot", name: "", role: "bot" },
      conversation: { id: userId, isGroup: false, conversationType: "personal", name: "" },
      text: first(params.Body),
      channelData: {
        numMedia: Number(first(params.NumMedia) || 0),
        numSegments: Number(first(params.NumSegments) || 1),
        accountSid: first(params.AccountSid) || undefined,
      },
    };
  }

  /** Runs one webhook through the middleware and `logic` (usually `bot.run`), and returns the TwiML answer. */
  async processWebhook(
    params: TwilioParams,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<string> {
    const context = new TurnContext(this, this.toActivity(params));
    const outbox: Partial<Activity>[] = [];
    context.turnState.set(OUTBOX, outbox);
    await this.runMiddleware(context, logic);
    const texts = outbox
      .filter((activity) => activity.type === ActivityTypes.Message && typeof activity.text === "string")
      .map((activity) => activity.text as string);
    return renderTwiml(texts);
  }

  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const outbox = context.turnState.get(OUTBOX) as Partial<Activity>[] | undefined;
    if (!outbox) {
      throw new BotError(
        "SMS_PROACTIVE_UNSUPPORTED",
        "SMS replies can only be sent while answering a Twilio webhook; this adapter has no outbound API. " +
          "Send proactive texts through the Twilio REST API with the user's real number instead.",
      );
    }
    return activities.map((activity) => {
      // "delay" and "typing" have no SMS equivalent; anything else is kept and filtered at render time.
      if (activity.type === ActivityTypes.Message) outbox.push(activity);
      return { id: `${context.activity.id ?? "sms"}-${outbox.length}` };
    });
  }

  override async updateActivity(): Promise<void> {
    throw new BotError(
      "SMS_UPDATE_UNSUPPORTED",
      "An SMS cannot be edited once sent; send a new message instead.",
    );
  }

  override async deleteActivity(): Promise<void> {
    throw new BotError("SMS_DELETE_UNSUPPORTED", "An SMS cannot be deleted once sent.");
  }

  /**
   * Runs `logic` for a stored conversation outside a webhook (for state clean-up, say). It cannot send:
   * an SMS needs the real number, which this adapter never keeps, so `sendActivity` there throws.
   */
  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: "continueConversation", channelId: SMS_CHANNEL_ID },
      reference,
      true,
    );
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
