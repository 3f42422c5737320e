import { afterEach, describe, expect, it } from "vitest";
import { PRODUCTION_ENV, postChat, startTestServer, type TestServer } from "./helpers.ts";

const CLINIC = "https://lumenskin.example";
const STRANGER = "https://evil.example";

function preflight(server: TestServer, origin: string): Promise<Response> {
  return fetch(`${server.url}/api/chat`, {
    method: "OPTIONS",
    headers: {
      Origin: origin,
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "content-type",
    },
  });
}

describe("CORS on /api/chat", () => {
  let server: TestServer;
  afterEach(async () => {
    await server.close();
  });

  it("answers an allowed origin's preflight with 204 and the CORS headers", async () => {
    server = await startTestServer({
      env: { WIDGET_ALLOWED_ORIGINS: `${CLINIC}, https://www.lumenskin.example` },
    });
    const res = await preflight(server, CLINIC);
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(CLINIC);
    expect(res.headers.get("access-control-allow-methods")).toBe("POST");
    expect(res.headers.get("access-control-allow-headers")).toBe("Content-Type");
    expect(res.headers.get("vary")).toContain("Origin");
  });

  it("lets an allowed origin post and read the answer", async () => {
    server = await startTestServer({ env: { WIDGET_ALLOWED_ORIGINS: CLINIC } });
    const res = await postChat(server, { text: "hi" }, { Origin: CLINIC });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(CLINIC);
  });

  it("lets an allowed origin read Retry-After on a 429, so the widget can wait exactly that long", async () => {
    server = await startTestServer({
      env: { WIDGET_ALLOWED_ORIGINS: CLINIC, RATE_LIMIT_PER_IP_PER_MINUTE: "1" },
    });
    expect((await postChat(server, { text: "hi" }, { Origin: CLINIC })).status).toBe(200);
    const res = await postChat(server, { text: "hi again" }, { Origin: CLINIC });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(res.headers.get("access-control-expose-headers")).toBe("Retry-After");
    expect(res.headers.get("access-control-allow-origin")).toBe(CLINIC);
  });

  it("refuses other origins with 403 and no CORS headers, before doing any work", async () => {
    server = await startTestServer({ env: { WIDGET_ALLOWED_ORIGINS: CLINIC, ...PRODUCTION_ENV } });
    for (const res of [
      await preflight(server, STRANGER),
      await postChat(server, { text: "hi" }, { Origin: STRANGER }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      expect((await res.json()).error.code).toBe("origin_not_allowed");
    }
    expect(server.logs.filter((l) => l.msg === "turn")).toHaveLength(0);
  });

  it("always allows the server's own origin", async () => {
    server = await startTestServer({ env: { ...PRODUCTION_ENV } });
    const res = await postChat(server, { text: "hi" }, { Origin: server.url });
    expect(res.status).toBe(200);
  });

  it("allows localhost origins in development but not in production", async () => {
    server = await startTestServer({ env: { NODE_ENV: "development" } });
    expect((await preflight(server, "http://localhost:5173")).status).toBe(204);
    await server.close();
    server = await startTestServer({ env: { ...PRODUCTION_ENV } });
    expect((await preflight(server, "http://localhost:5173")).status).toBe(403);
  });

  it("refuses the opaque null origin unless every origin is allowed", async () => {
    server = await startTestServer({ env: { ...PRODUCTION_ENV } });
    expect((await preflight(server, "null")).status).toBe(403);
    await server.close();
    server = await startTestServer({ env: { ...PRODUCTION_ENV, WIDGET_ALLOWED_ORIGINS: "*" } });
    expect((await preflight(server, STRANGER)).status).toBe(204);
  });

  it("lets requests without an Origin through (servers, curl)", async () => {
    server = await startTestServer({ env: { ...PRODUCTION_ENV } });
    const res = await postChat(server, { text: "hi" });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
