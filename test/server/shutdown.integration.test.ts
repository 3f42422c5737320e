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
    server = await startServerProcess({}, { startTimeoutMs: 60_000 });
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

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A raw keep-alive connection that sends one request at a time and reads each response whole. */
function keepAliveConnection(port: number): Promise<{
  socket: Socket;
  send(request: string): Promise<RawResponse>;
  closed: Promise<void>;
}> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let buffer = Buffer.alloc(0);
    let waiting: { done: (r: RawResponse) => void; fail: (e: Error) => void } | undefined;
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    const parse = () => {
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0 || !waiting) return;
      const [statusLine = "", ...lines] = buffer.subarray(0, end).toString().split("\r\n");
      const headers = Object.fromEntries(
        lines.map((line) => [
          line.slice(0, line.indexOf(":")).toLowerCase(),
          line.slice(line.indexOf(":") + 1).trim(),
        ]),
      );
      const length = Number(headers["content-length"] ?? 0);
      if (buffer.length < end + 4 + length) return;
      const body = buffer.subarray(end + 4, end + 4 + length).toString();
      buffer = buffer.subarray(end + 4 + length);
      const current = waiting;
      waiting = undefined;
      current.done({ status: Number(statusLine.split(" ")[1]), headers, body });
    };
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      parse();
    });
    socket.on("error", (error) => waiting?.fail(error));
    socket.on("close", () => waiting?.fail(new Error("connection closed before the response (reset)")));
    socket.once("connect", () =>
      resolve({
        socket,
        closed,
        send: (request) =>
          new Promise((done, fail) => {
            waiting = { done, fail };
            socket.write(request);
          }),
      }),
    );
    socket.once("error", reject);
  });
}

const chatRequest = (port: number, text: string) => {
  const body = JSON.stringify({ text });
  return (
    `POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
};

describe("draining with slow clients and keep-alive connections (real server process, raw sockets)", () => {
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.kill();
  });

  it("answers every request already on a keep-alive connection with Connection: close, destroys slow clients at the deadline, and exits 0", async () => {
    server = await startServerProcess({}, { startTimeoutMs: 60_000 });
    const { port } = server;
    // Slow clients: headers that never end, and bodies that never end.
    const slowHeaders = Array.from({ length: 5 }, () => {
      const socket = connect(port, "127.0.0.1");
      socket.on("error", () => {});
      socket.write(`POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: appl`);
      return new Promise<void>((done) => socket.once("close", () => done()));
    });
    const slowBodies = Array.from({ length: 5 }, () => {
      const slow = startSlowRequest(port, "does it hurt?");
      slow.socket.on("error", () => {});
      return new Promise<void>((done) => slow.socket.once("close", () => done()));
    });
    // Keep-alive connections, each with one answered request behind it.
    const connections = await Promise.all(Array.from({ length: 20 }, () => keepAliveConnection(port)));
    // All at once, so that none has sat idle for its whole 5 s keep-alive timeout by the time of the signal.
    const firsts = await Promise.all(
      connections.map((c) => c.send(chatRequest(port, "how long do results last?"))),
    );
    for (const first of firsts) {
      expect(first.status).toBe(200);
      expect(first.headers.connection).not.toBe("close");
    }

    server.child.kill("SIGTERM");
    await server.waitForLog((l) => l.msg.startsWith("shutting down"), 4_000);
    // Sent on the open connections just after the drain began: each must be answered, none reset.
    const answers = await Promise.all(connections.map((c) => c.send(chatRequest(port, "does it hurt?"))));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.headers.connection).toBe("close");
      expect(JSON.parse(answer.body).reply.kind).toBe("answer");
    }
    await Promise.all(connections.map((c) => c.closed));
    await Promise.all([...slowHeaders, ...slowBodies]);
    // The hard timer exits 1 at 10 s: 0 means the drain finished within it.
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.logs.some((l) => l.msg === "shut down cleanly")).toBe(true);
  }, 90_000);

  it("ends a request whose body never finishes at the request timeout, not five minutes later", async () => {
    server = await startServerProcess({}, { startTimeoutMs: 60_000 });
    const slow = startSlowRequest(server.port, "does it hurt?");
    slow.socket.on("error", () => {});
    const response = await slow.response.catch(() => "");
    // 408 from Node at the 20 s request timeout (or the socket closed): either way, not held open.
    expect(response === "" || response.startsWith("HTTP/1.1 408")).toBe(true);
  }, 90_000);
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
