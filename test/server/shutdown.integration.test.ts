import { connect, type Socket } from "node:net";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/server/logger.ts";
import { createStopper } from "../../src/server/shutdown.ts";
import { type ServerProcess, startServerProcess } from "../support/server-process.ts";

const silent = createLogger(
  { logLevel: "info" },
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  }),
);

/** Sends the request line, headers and the first half of a JSON body; the rest is up to the test. */
function startSlowRequest(
  port: number,
  text: string,
): { socket: Socket; rest: string; response: Promise<string> } {
  const body = JSON.stringify({ text });
  const half = Math.floor(body.length / 2);
  const socket = connect(port, "127.0.0.1");
  socket.write(
    `POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`,
  );
  const response = new Promise<string>((resolve, reject) => {
    let data = "";
    socket.setEncoding("utf8").on("data", (chunk: string) => {
      data += chunk;
    });
    socket.on("end", () => resolve(data));
    socket.on("error", reject);
  });
  return { socket, rest: body.slice(half), response };
}

describe("graceful shutdown on SIGTERM (real server process)", () => {
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.kill();
  });

  it("refuses new connections, finishes the request in flight, and exits 0 within 10 s", async () => {
    server = await startServerProcess();
    const slow = startSlowRequest(server.port, "does it hurt?");
    await new Promise((r) => setTimeout(r, 200));

    server.child.kill("SIGTERM");
    await server.waitForLog((l) => l.msg.startsWith("shutting down"));
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

    await new Promise((r) => setTimeout(r, 300));
    slow.socket.end(slow.rest);
    const response = await slow.response;
    expect(response).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(response).toContain('"kind":"answer"');

    const exit = await server.exited;
    expect(exit).toEqual({ code: 0, signal: null }); // exit 1 would mean the hard timeout cut it short
    expect(server.logs.some((l) => l.msg === "shut down cleanly")).toBe(true);
  });
});

describe("createStopper", () => {
  it("exits 1 when closing takes longer than the hard timeout", async () => {
    vi.useFakeTimers();
    try {
      const exit = vi.fn();
      const stop = createStopper({
        logger: silent,
        close: () => new Promise(() => {}),
        timeoutMs: 10_000,
        exit,
      });
      stop("SIGTERM");
      await vi.advanceTimersByTimeAsync(9_999);
      expect(exit).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(exit).toHaveBeenCalledWith(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("exits 0 after a clean close, and 1 at once on a second signal", async () => {
    const exit = vi.fn();
    let finish = () => {};
    const stop = createStopper({ logger: silent, close: () => new Promise<void>((r) => (finish = r)), exit });
    stop("SIGTERM");
    stop("SIGINT");
    expect(exit).toHaveBeenLastCalledWith(1);
    finish();
    await new Promise((r) => setImmediate(r));
    expect(exit).toHaveBeenLastCalledWith(0);
  });
});
