import type { Response } from "express";

/**
 * A 200-class JSON reply written straight to Node: express's res.json negotiates charset and
 * freshness on every call, which on the chat path costs as much as the engine's answer.
 */
export function sendJson(res: Response, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Content-Length", Buffer.byteLength(json));
  res.end(json);
}
