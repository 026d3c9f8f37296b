// panelsig on WebCrypto (globalThis.crypto.subtle), the default for browsers and edge runtimes.
// Each secret is imported as a CryptoKey once and reused: importKey costs as much as a sign.
// WebCrypto has no incremental digest, so streamed bodies are hashed by @panelsig/pure's SHA-256.

/**
 * panelsig on WebCrypto (`crypto.subtle`): browsers, Deno, Bun, Node, edge runtimes.
 *
 * @module @panelsig/webcrypto
 */

import { bindSign, bindVerify, bindVerifyRequest, type Sign, type Verify, type VerifyRequest, type CryptoProvider, type SigningProvider } from "@panelsig/core";
import { Sha256 } from "@panelsig/pure";

const MAX_CACHED_KEYS = 256;
const keys = new Map<string, Promise<CryptoKey>>();

function subtle(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error("@panelsig/webcrypto: no globalThis.crypto.subtle in this runtime (use @panelsig/pure)");
  return subtle;
}

// WebCrypto refuses an empty HMAC key; HMAC pads every short key with zeros to the block size,
// so one zero byte is the same key (RFC 2104).
const EMPTY_KEY_EQUIVALENT = new Uint8Array(1);

// Secrets longer than this are imported on every call rather than kept: the cache must stay small.
const MAX_CACHED_KEY_BYTES = 1024;

function importHmacKey(key: Uint8Array): Promise<CryptoKey> {
  return subtle().importKey("raw", key as Uint8Array<ArrayBuffer>, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

function hmacKey(rawKey: Uint8Array): Promise<CryptoKey> {
  const key = rawKey.length === 0 ? EMPTY_KEY_EQUIVALENT : rawKey;
  if (key.length > MAX_CACHED_KEY_BYTES) return importHmacKey(key);
  const id = String.fromCharCode(...key); // one char per byte: an exact, comparable map key
  let cryptoKey = keys.get(id);
  if (!cryptoKey) {
    cryptoKey = importHmacKey(key);
    if (keys.size >= MAX_CACHED_KEYS) keys.delete(keys.keys().next().value!);
    keys.set(id, cryptoKey);
  }
  return cryptoKey;
}

const sha256 = async (data: Uint8Array) => new Uint8Array(await subtle().digest("SHA-256", data as Uint8Array<ArrayBuffer>));
const hmacSha256 = async (key: Uint8Array, data: Uint8Array) => new Uint8Array(await subtle().sign("HMAC", await hmacKey(key), data as Uint8Array<ArrayBuffer>));

/** WebCrypto's one-shot digests: all `sign` needs, so a bundle of `sign` carries no SHA-256 of its own. */
const webcryptoDigests: SigningProvider = { name: "webcrypto", sha256, hmacSha256 };

/**
 * WebCrypto's SHA-256 and HMAC-SHA256 as a CryptoProvider (the incremental SHA-256 of streamed
 * bodies is @panelsig/pure's: WebCrypto has none).
 *
 * @example
 * ```ts
 * import { webcryptoProvider } from "@panelsig/webcrypto";
 * const digest = await webcryptoProvider.sha256(new TextEncoder().encode("abc")); // ba7816bf…15ad
 * ```
 */
export const webcryptoProvider: CryptoProvider = { name: "webcrypto", sha256, hmacSha256, createSha256: () => new Sha256() };

/**
 * Signs a case object with WebCrypto: the headers to send, and every intermediate. Bad input
 * rejects with a PanelsigError naming the field. A browser bundle of `sign` alone carries no
 * SHA-256 of its own.
 *
 * @example
 * ```ts
 * import { sign } from "@panelsig/webcrypto";
 *
 * const url = "https://panel.example.com/entrance/api/user/info";
 * const { headers } = await sign({ scheme: "acepanel", request: { method: "GET", url },
 *   credentials: { secret: "YourSecretToken", keyId: 16 }, options: { entrance: "/entrance" } });
 * const info = await (await fetch(url, { headers })).json();
 * ```
 */
export const sign: Sign = /* @__PURE__ */ bindSign(webcryptoDigests);

/**
 * Verifies a case object with WebCrypto: the real receiver's answer.
 *
 * @example
 * ```ts
 * import { verify } from "@panelsig/webcrypto";
 *
 * const result = await verify({
 *   scheme: "acepanel",
 *   request: { method: "GET", url: "/entrance/api/user/info",
 *     headers: [["X-Timestamp", "1700000000"], ["Authorization", "HMAC-SHA256 Credential=16, Signature=b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7"]] },
 *   credentials: { secret: "YourSecretToken", keyId: 16 },
 *   context: { now: 1700000000, entrance: "/entrance" },
 * });
 * // result.valid: true; result.stringToSign: "HMAC-SHA256\n1700000000\n3deacd6a…65a6"
 * ```
 */
export const verify: Verify = /* @__PURE__ */ bindVerify(webcryptoProvider);

/**
 * Verifies a Web Request (Deno.serve, Bun.serve, Workers, Hono) with WebCrypto.
 *
 * @example
 * ```ts
 * import { verifyRequest } from "@panelsig/webcrypto";
 *
 * Deno.serve(async (request) => {
 *   const r = await verifyRequest(request, { scheme: "opterius-agent", secret: Deno.env.get("AGENT_SECRET")!, keepBody: true });
 *   if (!r.valid) return new Response(r.rejection!.body, { status: r.rejection!.status, headers: r.rejection!.headers });
 *   return Response.json({ created: JSON.parse(new TextDecoder().decode(r.body)).username });
 * });
 * ```
 */
export const verifyRequest: VerifyRequest = /* @__PURE__ */ bindVerifyRequest(webcryptoProvider);
