import { ActivityHandler, ActivityTypes } from "botbuilder";
import type { SmsResponder } from "./respond.ts";

/** The SMS bot as an ActivityHandler: each text goes to the responder, its answer (if any) back out. */
export class SmsBot extends ActivityHandler {
  constructor(respond: SmsResponder) {
    super();
    this.onMessage(async (context, next) => {
      const reply = await respond(context.activity.from.id, context.activity.text ?? "");
      if (reply !== null) await context.sendActivity({ type: ActivityTypes.Message, text: reply });
      await next();
    });
  }
}
