import type { IncomingMessage } from "node:http";
import twilio from "twilio";
import { describe, expect, it } from "vitest";
import {
  computeTwilioSignature,
  isValidTwilioSignature,
  signedUrl,
} from "../../../src/channels/sms/index.ts";
import type { SmsRequest } from "../../../src/channels/sms/verify.ts";

const TOKEN = "12345";
const URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
const PARAMS = {
  CallSid: "CA1234567890ABCDE",
  Caller: "+12349013030",
  Digits: "1234",
  From: "+12349013030",
  To: "+18005551212",
};

describe("computeTwilioSignature", () => {
  it("matches Twilio's documented example and the twilio package", () => {
    expect(computeTwilioSignature(TOKEN, URL, PARAMS)).toBe("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    expect(computeTwilioSignature(TOKEN, URL, PARAMS)).toBe(
      twilio.getExpectedTwilioSignature(TOKEN, URL, PARAMS),
    );
  });

  it("matches the twilio package for repeated keys and non-ASCII values", () => {
    const params = { Body: "Ça va? 😀 & more", MediaUrl: ["b", "a", "b"], Z: "", a: "lower" };
    expect(computeTwilioSignature(TOKEN, URL, params)).toBe(
      twilio.getExpectedTwilioSignature(TOKEN, URL, params),
    );
  });
});

describe("isValidTwilioSignature", () => {
  const signature = twilio.getExpectedTwilioSignature(TOKEN, URL, PARAMS);

  it("accepts the right signature and rejects any change", () => {
    expect(isValidTwilioSignature(TOKEN, signature, URL, PARAMS)).toBe(true);
    expect(isValidTwilioSignature(TOKEN, undefined, URL, PARAMS)).toBe(false);
    expect(isValidTwilioSignature(TOKEN, "", URL, PARAMS)).toBe(false);
    expect(isValidTwilioSignature(TOKEN, signature.slice(1), URL, PARAMS)).toBe(false);
    expect(isValidTwilioSignature("other", signature, URL, PARAMS)).toBe(false);
    expect(isValidTwilioSignature(TOKEN, signature, URL.replace("foo=1", "foo=2"), PARAMS)).toBe(false);
    expect(isValidTwilioSignature(TOKEN, signature, URL, { ...PARAMS, Digits: "1235" })).toBe(false);
    expect(isValidTwilioSignature(TOKEN, signature, URL, { ...PARAMS, Extra: "x" })).toBe(false);
  });

  it("accepts the URL with or without the default port, but not another port", () => {
    const withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
    expect(isValidTwilioSignature(TOKEN, signature, withPort, PARAMS)).toBe(true);
    const signedWithPort = twilio.getExpectedTwilioSignature(TOKEN, withPort, PARAMS);
    expect(isValidTwilioSignature(TOKEN, signedWithPort, URL, PARAMS)).toBe(true);
    expect(
      isValidTwilioSignature(TOKEN, signature, "https://mycompany.com:8443/myapp.php?foo=1&bar=2", PARAMS),
    ).toBe(false);
  });
});

describe("signedUrl", () => {
  const request = (fields: Partial<SmsRequest>): SmsRequest =>
    ({
      headers: { host: "10.0.0.5:3000" },
      url: "/api/sms?x=1",
      socket: {},
      ...fields,
    }) as unknown as SmsRequest;

  it("uses PUBLIC_URL plus the original path when set", () => {
    expect(signedUrl(request({ originalUrl: "/api/sms?x=1" }), "https://bot.example.com/")).toBe(
      "https://bot.example.com/api/sms?x=1",
    );
  });

  it("otherwise uses the request's protocol, host and original URL", () => {
    expect(signedUrl(request({ protocol: "https", originalUrl: "/api/sms?x=1" }))).toBe(
      "https://10.0.0.5:3000/api/sms?x=1",
    );
    const bare = request({ socket: { encrypted: true } as unknown as IncomingMessage["socket"] });
    expect(signedUrl(bare)).toBe("https://10.0.0.5:3000/api/sms?x=1");
    expect(signedUrl(request({}))).toBe("http://10.0.0.5:3000/api/sms?x=1");
  });
});
