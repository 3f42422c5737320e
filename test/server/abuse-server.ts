import { createChannelRoutes } from "../../src/server/channel-routes.ts";
import { type FakeEngine, fakeEngine, type LogLine, startTestServer } from "./helpers.ts";

export interface FullServer {
  url: string;
  engine: FakeEngine;
  logs(): LogLine[];
  close(): Promise<void>;
}

/**
 * The whole HTTP surface as `npm start` mounts it (web, Teams anonymous, SMS in dev mode unless a Twilio
 * token is given) around a fake engine, on an ephemeral port.
 */
export async function startFullServer(
  options: { env?: Record<string, string>; engine?: FakeEngine } = {},
): Promise<FullServer> {
  const engine = options.engine ?? fakeEngine();
  const server = await startTestServer({
    engine,
    env: { SMS_DEV_MODE: "true", ...options.env },
    extraRoutes: createChannelRoutes,
  });
  return { url: server.url, engine, logs: () => server.logs, close: server.close };
}

let sid = 0;
/** A Twilio-shaped SMS webhook body, with a MessageSid of its own (a repeated one is a replay). */
export const smsForm = (from: string, body: string, messageSid = `SM${String(++sid).padStart(32, "0")}`) =>
  new URLSearchParams({ From: from, To: "+15557654321", Body: body, MessageSid: messageSid }).toString();

export const postSms = (url: string, form: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/sms`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: form,
  });
