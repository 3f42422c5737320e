import { parse as parseCookies, serialize } from "cookie";
import type { Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { clientIp } from "../rate-limit.ts";
import { html } from "./html.ts";
import { layout } from "./layout.ts";
import { randomToken, type Session, type SessionStore, sameSecret } from "./sessions.ts";
import { createSignInLimiter } from "./sign-in-limiter.ts";

export const SESSION_COOKIE = "studio_session";
/** Holds the sign-in form's CSRF token before there is a session (double submit). */
const PRE_COOKIE = "studio_signin";

export interface AuthOptions {
  password: string;
  sessions: SessionStore;
  logger: Logger;
  /** PUBLIC_URL: https there means the cookie is Secure even when a proxy speaks http to us. */
  publicUrl: string | undefined;
}

/** The studio request, once signed in. */
export type StudioRequest = Request & { session?: Session };

export function sessionOf(req: Request): Session {
  const session = (req as StudioRequest).session;
  if (!session) throw new Error("studio route reached without a session: requireSession must run first");
  return session;
}

function cookieOptions(req: Request, publicUrl: string | undefined, maxAgeSeconds?: number) {
  return {
    httpOnly: true,
    sameSite: "strict" as const,
    secure: req.secure || publicUrl?.startsWith("https:") === true,
    path: "/studio",
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

const cookiesOf = (req: Request) => parseCookies(req.headers.cookie ?? "");

/** A request from another site (Origin or Referer naming another host) never changes anything. */
function crossSite(req: Request): boolean {
  const source = req.headers.origin ?? req.headers.referer;
  // "null": a privacy setting hid the origin; the CSRF token still has to match.
  if (!source || source === "null") return false;
  try {
    return new URL(source).host !== req.headers.host;
  } catch {
    return true;
  }
}

/** The CSRF token a change carries: the X-CSRF-Token header (scripts) or the _csrf form field. */
function csrfOf(req: Request): string {
  const header = req.headers["x-csrf-token"];
  if (typeof header === "string") return header;
  const body = req.body as Record<string, unknown> | undefined;
  return typeof body?._csrf === "string" ? body._csrf : "";
}

function renderSignIn(token: string, message?: string, who = ""): string {
  return layout({
    title: "Sign in",
    ...(message ? { notice: { kind: "error" as const, text: message } } : {}),
    body: html`<section class="sign-in">
      <h1>Sign in to the knowledge studio</h1>
      <form method="post" action="/studio/sign-in">
        <input type="hidden" name="_csrf" value="${token}">
        <p><label for="who">Your name</label>
        <input id="who" name="who" autocomplete="name" required maxlength="60" value="${who}">
        <span class="hint">Every change you make is logged with this name.</span></p>
        <p><label for="password">Studio password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit">Sign in</button></p>
      </form>
    </section>`,
  });
}

/** GET and POST /studio/sign-in, POST /studio/sign-out, and the guards every other studio route runs. */
export function createAuth(options: AuthOptions) {
  const { password, sessions, logger, publicUrl } = options;
  const limiter = createSignInLimiter();

  const showSignIn = (req: Request, res: Response, status: number, message?: string, who?: string) => {
    const token = randomToken();
    res.setHeader("Set-Cookie", serialize(PRE_COOKIE, token, cookieOptions(req, publicUrl, 3600)));
    res
      .status(status)
      .type("html")
      .set("Cache-Control", "no-store")
      .send(renderSignIn(token, message, who));
  };

  const signInPage: RequestHandler = (req, res) => {
    if (sessions.get(cookiesOf(req)[SESSION_COOKIE])) {
      res.redirect(303, "/studio/topics");
      return;
    }
    showSignIn(req, res, 200);
  };

  const signIn: RequestHandler = (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const who = typeof body.who === "string" ? body.who.trim().slice(0, 60) : "";
    const key = `ip:${clientIp(req)}`;
    const wait = limiter.waitSeconds(key);
    if (wait > 0) {
      res.set("Retry-After", String(wait));
      logger.warn("studio sign-in refused: too many failed attempts from one address");
      showSignIn(
        req,
        res,
        429,
        `Too many failed sign-in attempts. Wait ${Math.ceil(wait / 60)} minutes and try again.`,
        who,
      );
      return;
    }
    const pre = cookiesOf(req)[PRE_COOKIE] ?? "";
    if (crossSite(req) || pre === "" || !sameSecret(pre, typeof body._csrf === "string" ? body._csrf : "")) {
      showSignIn(
        req,
        res,
        403,
        "The sign-in form expired or came from another site. Please sign in again.",
        who,
      );
      return;
    }
    const given = typeof body.password === "string" ? body.password : "";
    if (!sameSecret(given, password)) {
      limiter.recordFailure(key);
      logger.warn("studio sign-in refused: wrong password");
      showSignIn(req, res, 401, "That password is not right. Check it and try again.", who);
      return;
    }
    if (who === "") {
      showSignIn(req, res, 400, "Enter your name: every change is logged with it.", who);
      return;
    }
    const session = sessions.create(who);
    logger.info({ who }, "studio sign-in");
    res.setHeader("Set-Cookie", [
      serialize(SESSION_COOKIE, session.id, cookieOptions(req, publicUrl)),
      serialize(PRE_COOKIE, "", cookieOptions(req, publicUrl, 0)),
    ]);
    res.redirect(303, "/studio/topics");
  };

  /** Pages and API calls need a session: pages redirect to sign-in, API calls get 401 JSON. */
  const requireSession: RequestHandler = (req, res, next) => {
    const session = sessions.get(cookiesOf(req)[SESSION_COOKIE]);
    if (!session) {
      if (req.path.startsWith("/api/") || req.method !== "GET") {
        res.status(401).json({ error: "signed_out", message: "Your session has ended: sign in again." });
      } else {
        res.redirect(303, "/studio/sign-in");
      }
      return;
    }
    (req as StudioRequest).session = session;
    next();
  };

  /** Every change (any method but GET and HEAD) must carry the session's CSRF token. */
  const requireCsrf: RequestHandler = (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") {
      next();
      return;
    }
    const session = sessionOf(req);
    if (crossSite(req) || !sameSecret(csrfOf(req), session.csrf)) {
      logger.warn({ who: session.who, path: req.path }, "studio change refused: missing or wrong CSRF token");
      res.status(403).json({
        error: "csrf",
        message:
          "This change was refused: the page's security token is missing or out of date. Reload the page and try again.",
      });
      return;
    }
    next();
  };

  const signOut: RequestHandler = (req, res) => {
    const session = sessionOf(req);
    sessions.delete(session.id);
    logger.info({ who: session.who }, "studio sign-out");
    res.setHeader("Set-Cookie", serialize(SESSION_COOKIE, "", cookieOptions(req, publicUrl, 0)));
    res.redirect(303, "/studio/sign-in");
  };

  return { signInPage, signIn, requireSession, requireCsrf, signOut };
}
