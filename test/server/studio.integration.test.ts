import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import type { RunningServer } from "../../src/server/start.ts";
import { startRealServer } from "../e2e/helpers.ts";
import { STUDIO_PASSWORD, studioScratch } from "../e2e/studio-setup.ts";

/** A signed-in studio client over plain HTTP: its cookie and CSRF token. */
interface Client {
  cookie: string;
  csrf: string;
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]!);

async function signIn(base: string, password = STUDIO_PASSWORD): Promise<{ res: Response; client?: Client }> {
  const page = await fetch(`${base}/studio/sign-in`);
  const pre = cookiesOf(page).join("; ");
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${base}/studio/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: pre },
    body: new URLSearchParams({ _csrf: token, who: "Sam Editor", password }).toString(),
  });
  const session = cookiesOf(res).find((c) => c.startsWith("studio_session=") && c !== "studio_session=");
  if (!session) return { res };
  const topics = await fetch(`${base}/studio/topics`, { headers: { Cookie: session } });
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(await topics.text())![1]!;
  return { res, client: { cookie: session, csrf } };
}

function form(client: Client, fields: Record<string, string | string[]>, csrf = true): RequestInit {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  return {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
      Cookie: client.cookie,
      ...(csrf ? { "X-CSRF-Token": client.csrf } : {}),
    },
    body: body.toString(),
  };
}

const unescapeHtml = (text: string) =>
  text.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]!,
  );

/** Every field of the topic form in `page`, as the browser would submit it, with `changes`. */
function formFields(page: string, changes: Record<string, string> = {}): Record<string, string[]> {
  const form = page.slice(
    page.indexOf('<form method="post" action="/studio/topics/'),
    page.indexOf("</form>", page.indexOf("data-topic-form")),
  );
  const fields: Record<string, string[]> = {};
  const add = (name: string, value: string) => {
    const key = unescapeHtml(name);
    fields[key] = [...(fields[key] ?? []), unescapeHtml(value)];
  };
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    add(m[1]!, m[2]!);
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    const value = /value="([^"]*)"/.exec(attrs)?.[1] ?? "";
    if (!name || (/type="checkbox"/.test(attrs) && !/\bchecked\b/.test(attrs))) continue;
    add(name, value);
  }
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    add(m[1]!, /<option value="([^"]*)" selected>/.exec(m[2]!)?.[1] ?? "");
  }
  for (const [key, value] of Object.entries(changes)) fields[key] = [value];
  return fields;
}

describe("the studio over HTTP", { timeout: 60_000 }, () => {
  const scratch = studioScratch();
  let server: RunningServer;
  let client: Client;

  beforeAll(async () => {
    server = await startRealServer(0, { ...scratch.env, PUBLIC_URL: "https://studio.example" });
    const signed = await signIn(server.url);
    client = signed.client!;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    rmSync(scratch.dir, { recursive: true, force: true });
  });

  it("sets an HttpOnly, SameSite=Strict session cookie, Secure behind https", async () => {
    const { res } = await signIn(server.url);
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith("studio_session=") && !c.startsWith("studio_session=;"))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/Path=\/studio/i);
  });

  it("sends pages only to a signed-in editor", async () => {
    const page = await fetch(`${server.url}/studio/topics`, { redirect: "manual" });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/studio/sign-in");
    const api = await fetch(`${server.url}/studio/api/try`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(api.status).toBe(401);
  });

  it("refuses a change without the CSRF token, and with another session's token", async () => {
    const body = { topic: "pain", text: "hurts much?" };
    const missing = await fetch(`${server.url}/studio/api/phrasing`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: client.cookie },
      body: JSON.stringify(body),
    });
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { message: string }).message).toMatch(/security token is missing/);
    const other = (await signIn(server.url)).client!;
    const wrong = await fetch(`${server.url}/studio/api/phrasing`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: client.cookie, "X-CSRF-Token": other.csrf },
      body: JSON.stringify(body),
    });
    expect(wrong.status).toBe(403);
    expect(readFileSync(join(scratch.pack, "topics/pain.yaml"), "utf8")).not.toContain("hurts much?");
  });

  it("refuses paths outside the pack folder", async () => {
    const get = (path: string) => fetch(`${server.url}${path}`, { headers: { Cookie: client.cookie } });
    for (const path of [
      "/studio/files?path=../../package.json",
      "/studio/files?path=%2Fetc%2Fpasswd",
      "/studio/files?path=topics/../../../package.json",
      "/studio/topics/..%2F..%2Fpackage.json",
      "/studio/history/..%2F..%2Fpackage.json",
      "/studio/api/quote?source=..%2F..%2Fpackage.json&quote=x",
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
    const write = await fetch(
      `${server.url}/studio/files`,
      form(client, { path: "../outside.yaml", text: "a: 1\n", base: "" }),
    );
    expect(write.status).toBe(404);
  });

  it("refuses a huge paste and markup in an answer, naming the field, and writes nothing", async () => {
    const before = readFileSync(join(scratch.pack, "topics/pain.yaml"), "utf8");
    const page = await (
      await fetch(`${server.url}/studio/topics/pain`, { headers: { Cookie: client.cookie } })
    ).text();
    const huge = await fetch(
      `${server.url}/studio/topics/pain`,
      form(client, formFields(page, { answer: "x".repeat(700_000) })),
    );
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { message: string }).message).toMatch(/more than the studio accepts/);
    const long = await fetch(
      `${server.url}/studio/topics/pain`,
      form(client, formFields(page, { answer: "word ".repeat(2_000) })),
    );
    expect(long.status).toBe(422);
    expect(JSON.stringify(await long.json())).toMatch(
      /Answer is 9,999 characters; the studio takes at most 5,000/,
    );
    const markup = await fetch(
      `${server.url}/studio/topics/pain`,
      form(client, formFields(page, { answer: 'It is fine. <a href="https://x.example">More</a>' })),
    );
    expect(markup.status).toBe(422);
    expect(JSON.stringify(await markup.json())).toMatch(/Answer contains markup/);
    expect(readFileSync(join(scratch.pack, "topics/pain.yaml"), "utf8")).toBe(before);
  });

  it("lets the first of two editors save a topic and refuses the second, who had the same version", async () => {
    const page = await (
      await fetch(`${server.url}/studio/topics/pain`, { headers: { Cookie: client.cookie } })
    ).text();
    const answer = (text: string) => ({ answer: text });
    const first = await fetch(
      `${server.url}/studio/topics/pain`,
      form(client, formFields(page, answer("First editor's answer."))),
    );
    expect(first.status).toBe(200);
    // The save reaches the running bot at once: the version changed before the response.
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { knowledgeVersion: string };
    expect(health.knowledgeVersion).toBe(server.knowledgeVersion);
    const second = await fetch(
      `${server.url}/studio/topics/pain`,
      form(client, formFields(page, answer("Second editor's answer."))),
    );
    expect(second.status).toBe(409);
    expect(((await second.json()) as { message: string }).message).toMatch(/changed by someone else/);
    const onDisk = readFileSync(join(scratch.pack, "topics/pain.yaml"), "utf8");
    expect(onDisk).toContain("First editor's answer.");
    expect(onDisk).not.toContain("Second editor's answer.");
    const chat = await fetch(`${server.url}/api/chat`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: "does it hurt?" }),
    });
    expect(((await chat.json()) as { reply: { text: string } }).reply.text).toBe("First editor's answer.");
  });

  it("shows invalid YAML written by hand with its line, and refuses to save invalid text", async () => {
    const path = join(scratch.pack, "topics/cost.yaml");
    const good = readFileSync(path, "utf8");
    writeFileSync(path, `${good}\nphrasings: [unclosed\n`);
    const list = await (
      await fetch(`${server.url}/studio/topics`, { headers: { Cookie: client.cookie } })
    ).text();
    expect(list).toContain("/studio/files?path=topics%2Fcost.yaml");
    const topic = await fetch(`${server.url}/studio/topics/cost`, {
      headers: { Cookie: client.cookie },
      redirect: "manual",
    });
    expect(topic.headers.get("location")).toBe("/studio/files?path=topics%2Fcost.yaml");
    const editor = await (
      await fetch(`${server.url}/studio/files?path=topics%2Fcost.yaml`, {
        headers: { Cookie: client.cookie },
      })
    ).text();
    expect(editor).toMatch(/YAML syntax error/);
    const base = /name="base" value="([^"]+)"/.exec(editor)![1]!;
    const broken = await fetch(
      `${server.url}/studio/files`,
      form(client, { path: "topics/cost.yaml", base, text: "id: cost\nquestion: [\n" }),
    );
    expect(broken.status).toBe(422);
    expect(readFileSync(path, "utf8")).toBe(`${good}\nphrasings: [unclosed\n`);
    const fixed = await fetch(
      `${server.url}/studio/files`,
      form(client, { path: "topics/cost.yaml", base, text: good }),
    );
    expect(fixed.status).toBe(200);
    expect(readFileSync(path, "utf8")).toBe(good);
  });

  it("logs every change with who and when in the history", async () => {
    const page = await (
      await fetch(`${server.url}/studio/history`, { headers: { Cookie: client.cookie } })
    ).text();
    expect(page).toContain("Edit topics/cost.yaml as text");
    expect(page).toContain("Sam Editor");
    expect(page).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}T/);
  });

  it("slows password guessing: after five wrong passwords even the right one waits", async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(server.url, `wrong ${i}`)).res.status).toBe(401);
    const blocked = await signIn(server.url);
    expect(blocked.res.status).toBe(429);
    expect(blocked.client).toBeUndefined();
    expect(blocked.res.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});

describe("the studio's switch and password", () => {
  it("is not there (404) when STUDIO_PASSWORD is unset", async () => {
    const scratch = studioScratch();
    const { STUDIO_PASSWORD: _, ...env } = scratch.env;
    const server = await startRealServer(0, env);
    try {
      expect((await fetch(`${server.url}/studio/`)).status).toBe(404);
      expect((await fetch(`${server.url}/studio/sign-in`)).status).toBe(404);
    } finally {
      await server.close();
      rmSync(scratch.dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("refuses a weak password in production, loudly", () => {
    const production = {
      NODE_ENV: "production",
      CLINIC_NAME: "Glow",
      CLINIC_PHONE: "+44 20 7946 0000",
      TEAMS_ENABLED: "false",
    };
    expect(() => loadConfig({ ...production, STUDIO_PASSWORD: "hunter2" })).toThrow(
      /STUDIO_PASSWORD: is too weak for production \(only 7 characters/,
    );
    expect(() => loadConfig({ ...production, STUDIO_PASSWORD: "Password123!" })).toThrow(/common password/);
    expect(loadConfig({ ...production, STUDIO_PASSWORD: STUDIO_PASSWORD }).studio.password).toBe(
      STUDIO_PASSWORD,
    );
    expect(loadConfig({ STUDIO_PASSWORD: "short" }).studio.password).toBe("short");
  });
});
