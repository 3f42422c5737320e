import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { ConfigError } from "../src/errors.ts";

describe("loadConfig", () => {
  it("runs the shipped pack with the pack's demo contact for an empty environment", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: "development",
      port: 3978,
      knowledgeDir: "knowledge/microneedling",
      clinic: { name: undefined, phone: undefined, bookingUrl: undefined },
      thresholds: { answer: undefined, clarify: undefined },
      widget: { allowedOrigins: [], allowLocalhost: true },
      sms: { twilioAuthToken: undefined, devMode: false },
      rateLimitPerMinute: 30,
    });
  });

  it("parses every variable into typed values", () => {
    const config = loadConfig({
      NODE_ENV: "production",
      PORT: "8080",
      LOG_LEVEL: "warn",
      PUBLIC_URL: "https://bot.example/",
      KNOWLEDGE_DIR: "kb",
      CLINIC_NAME: "Glow",
      CLINIC_PHONE: "+44 20 7946 0000",
      CLINIC_EMAIL: "",
      ANSWER_THRESHOLD: "0.7",
      CLARIFY_THRESHOLD: "0.4",
      WIDGET_ALLOWED_ORIGINS: "https://glow.example/, https://www.glow.example",
      MicrosoftAppId: "app",
      MicrosoftAppType: "SingleTenant",
      TWILIO_AUTH_TOKEN: "tok",
      SMS_HASH_SECRET: "a-secret-of-at-least-32-characters!!",
      SMS_DEV_MODE: "false",
      RATE_LIMIT_PER_MINUTE: "12",
      REDIS_URL: "redis://cache:6379",
    });
    expect(config).toMatchObject({
      nodeEnv: "production",
      port: 8080,
      logLevel: "warn",
      publicUrl: "https://bot.example",
      knowledgeDir: "kb",
      clinic: { name: "Glow", phone: "+44 20 7946 0000", email: "" },
      thresholds: { answer: 0.7, clarify: 0.4 },
      widget: { allowedOrigins: ["https://glow.example", "https://www.glow.example"], allowLocalhost: false },
      teams: { appId: "app", appType: "SingleTenant" },
      sms: { twilioAuthToken: "tok", devMode: false },
      rateLimitPerMinute: 12,
      redisUrl: "redis://cache:6379",
    });
  });

  it("refuses production without the clinic's real name and phone", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(
      /CLINIC_NAME: is required in production[\s\S]*CLINIC_PHONE: is required in production/,
    );
  });

  it("is frozen all the way down", () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.clinic)).toBe(true);
    expect(Object.isFrozen(config.widget.allowedOrigins)).toBe(true);
  });

  it("names every invalid variable and what it expects, all at once", () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: "eighty",
        ANSWER_THRESHOLD: "1.5",
        WIDGET_ALLOWED_ORIGINS: "clinic.example",
        SMS_DEV_MODE: "yes",
        CLINIC_BOOKING_URL: "book-here",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain("PORT: must be a port number");
    expect(message).toContain("ANSWER_THRESHOLD: must be between 0 and 1");
    expect(message).toContain('WIDGET_ALLOWED_ORIGINS: "clinic.example" is not an origin');
    expect(message).toContain("SMS_DEV_MODE: must be true or false");
    expect(message).toContain("CLINIC_BOOKING_URL: must be an absolute URL");
    expect((error as ConfigError).code).toBe("CONFIG_INVALID");
  });

  it("refuses a clarify threshold above the answer threshold", () => {
    expect(() => loadConfig({ ANSWER_THRESHOLD: "0.4", CLARIFY_THRESHOLD: "0.6" })).toThrow(
      "CLARIFY_THRESHOLD: must not exceed ANSWER_THRESHOLD",
    );
  });

  it("refuses SMS development mode in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production", SMS_DEV_MODE: "true" })).toThrow(
      /SMS_DEV_MODE: must not be true/,
    );
  });

  it("turns rate limiting off with RATE_LIMIT_PER_MINUTE=0 and refuses negatives", () => {
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: "0" }).rateLimitPerMinute).toBe(0);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: "-1" })).toThrow(/RATE_LIMIT_PER_MINUTE: must be 0/);
  });

  it.each([
    [undefined, false],
    ["false", false],
    ["1", 1],
    ["loopback, 10.0.0.0/8, ::1", ["loopback", "10.0.0.0/8", "::1"]],
  ])("reads TRUST_PROXY=%s as %j", (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it("refuses TRUST_PROXY=true, which would trust any X-Forwarded-For", () => {
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(
      /TRUST_PROXY: "true" would trust any X-Forwarded-For/,
    );
  });

  it("refuses a TRUST_PROXY that is not a count, address or subnet", () => {
    expect(() => loadConfig({ TRUST_PROXY: "yes please" })).toThrow(
      /TRUST_PROXY: "yes please" is not a proxy/,
    );
  });
});
