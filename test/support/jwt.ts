import { createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** A fresh RSA key pair for RS256 tokens. */
export function createSigningKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** `header.payload.signature`, RS256-signed with `key` (the header names `kid`, or `headerKid` if given). */
export function signJwt(
  payload: Record<string, unknown>,
  key: SigningKey,
  options: { headerKid?: string; alg?: string } = {},
): string {
  const header = { alg: options.alg ?? "RS256", typ: "JWT", kid: options.headerKid ?? key.kid };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = createSign("RSA-SHA256").update(signingInput).sign(key.privateKey);
  return `${signingInput}.${base64url(signature)}`;
}

/** Seconds since the epoch, as JWT `exp`/`nbf`/`iat` want them. */
export const epochSeconds = (offsetSeconds = 0) => Math.floor(Date.now() / 1000) + offsetSeconds;

export interface OpenIdServer {
  /** The OpenID metadata document's URL, whose `jwks_uri` lists the keys. */
  metadataUrl: string;
  /** Requests served, for "the keys really came from here" checks. */
  requests: string[];
  stop(): Promise<void>;
}

/**
 * An OpenID metadata document and its JWKS on 127.0.0.1, shaped like Bot Framework's
 * (login.botframework.com/v1/.well-known/openidconfiguration): each key carries `endorsements`.
 */
export async function startOpenIdServer(
  keys: SigningKey[],
  endorsements = ["msteams"],
): Promise<OpenIdServer> {
  const requests: string[] = [];
  let base = "";
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? "");
    res.setHeader("Content-Type", "application/json");
    if (req.url === "/v1/.well-known/openidconfiguration") {
      res.end(JSON.stringify({ issuer: "https://api.botframework.com", jwks_uri: `${base}/v1/keys` }));
      return;
    }
    if (req.url === "/v1/keys") {
      const jwks = keys.map((key) => {
        const { n, e, kty } = key.publicKey.export({ format: "jwk" });
        return { kty, use: "sig", kid: key.kid, n, e, endorsements };
      });
      res.end(JSON.stringify({ keys: jwks }));
      return;
    }
    res.statusCode = 404;
    res.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
