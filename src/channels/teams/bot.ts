import {
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationState,
  type InvokeResponse,
  type StatePropertyAccessor,
  type TurnContext,
} from "botbuilder";
import type { ConversationContext, Engine } from "../../dialog/types.ts";
import { feedbackFromInvoke, questionFromCardAction, questionFromMessage } from "./inbound.ts";
import { renderReply, renderWelcome, type TeamsRenderOptions } from "./render.ts";

export interface TeamsLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** A thumbs up or down from Teams' feedback loop, tied to the answer it was given on. */
export interface TeamsFeedback {
  reaction: "like" | "dislike";
  /** The answered topic; null when the answer is no longer remembered (older than the last few). */
  topic: string | null;
  confidence: number | null;
}

export interface TeamsBotOptions {
  engine: Engine;
  conversationState: ConversationState;
  onFeedback?: (feedback: TeamsFeedback) => void | Promise<void>;
  logger: TeamsLogger;
}

interface SentAnswer {
  activityId: string;
  topic: string | null;
  confidence: number;
}

/** Feedback can arrive long after the answer; remember this many answers per conversation. */
const REMEMBERED_ANSWERS = 20;

/** An invoke refused in the server's JSON error shape (the route sends it as the HTTP response). */
const invokeError = (code: string, message: string): InvokeResponse => ({
  status: 400,
  body: { error: { code, message } },
});

/** Translates Teams activities to engine turns and engine replies to Teams messages. */
export class TeamsFaqBot extends ActivityHandler {
  private readonly dialogContext: StatePropertyAccessor<ConversationContext | null>;
  private readonly sentAnswers: StatePropertyAccessor<SentAnswer[]>;

  constructor(private readonly options: TeamsBotOptions) {
    super();
    this.dialogContext = options.conversationState.createProperty("faqContext");
    this.sentAnswers = options.conversationState.createProperty("faqAnswers");

    this.onMessage(async (turn, next) => {
      await this.answer(turn, questionFromMessage(turn.activity));
      await next();
    });

    // Greet once when the bot itself joins (install in a chat or team), not for every new member.
    this.onMembersAdded(async (turn, next) => {
      const botId = turn.activity.recipient?.id;
      if (turn.activity.membersAdded?.some((member) => member.id === botId)) {
        await turn.sendActivity(renderWelcome(this.renderOptions(turn)));
      }
      await next();
    });
  }

  override async run(turn: TurnContext): Promise<void> {
    await super.run(turn);
    await this.options.conversationState.saveChanges(turn, false);
  }

  protected override async onInvokeActivity(turn: TurnContext): Promise<InvokeResponse> {
    if (turn.activity.name === "message/submitAction") return this.recordFeedback(turn);
    if (turn.activity.name === "adaptiveCard/action") return super.onInvokeActivity(turn);
    return invokeError(
      "unknown_invoke",
      `This bot does not handle '${String(turn.activity.name ?? "")}' invokes.`.slice(0, 200),
    );
  }

  /** Action.Execute buttons: answer in the conversation, acknowledge the invoke. */
  protected override async onAdaptiveCardInvoke(
    turn: TurnContext,
    _value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const question = questionFromCardAction(turn.activity);
    if (!question) {
      return { statusCode: 400, type: "application/vnd.microsoft.error", value: { message: "No question." } };
    }
    await this.answer(turn, question);
    return { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: {} };
  }

  private renderOptions(turn: TurnContext): TeamsRenderOptions {
    const type = turn.activity.conversation?.conversationType;
    const inGroup = type === "groupChat" || type === "channel";
    return { profile: this.options.engine.profile, buttons: inGroup ? "card" : "suggested" };
  }

  private async answer(turn: TurnContext, question: string): Promise<void> {
    if (!question) {
      // A bare @mention or an empty card submit: show what the bot can do.
      await turn.sendActivity(renderWelcome(this.renderOptions(turn)));
      return;
    }
    const context = await this.dialogContext.get(turn, null);
    const { reply, context: next } = this.options.engine.handleTurn({ text: question, context });
    await this.dialogContext.set(turn, next);
    const sent = await turn.sendActivity(renderReply(reply, this.renderOptions(turn)));
    if (reply.kind === "answer" && sent?.id) {
      const answers = await this.sentAnswers.get(turn, []);
      const entry = { activityId: sent.id, topic: reply.topic, confidence: reply.confidence };
      await this.sentAnswers.set(turn, [entry, ...answers].slice(0, REMEMBERED_ANSWERS));
    }
    this.options.logger.info(
      { channel: "teams", kind: reply.kind, topic: reply.topic, confidence: reply.confidence },
      "teams reply sent",
    );
  }

  private async recordFeedback(turn: TurnContext): Promise<InvokeResponse> {
    const submission = feedbackFromInvoke(turn.activity);
    if (!submission)
      return invokeError(
        "invalid_feedback",
        "Feedback needs actionName 'feedback' and a reaction of like or dislike.",
      );
    const answers = await this.sentAnswers.get(turn, []);
    const answer = answers.find((entry) => entry.activityId === submission.replyToId);
    const feedback: TeamsFeedback = {
      reaction: submission.reaction,
      topic: answer?.topic ?? null,
      confidence: answer?.confidence ?? null,
    };
    try {
      await this.options.onFeedback?.(feedback);
    } catch (err) {
      // The user's click still succeeded; losing one vote is logged, not shown to them.
      this.options.logger.warn(
        { channel: "teams", err: err instanceof Error ? err.message : String(err) },
        "teams feedback could not be recorded",
      );
    }
    return { status: 200 };
  }
}
