// The baselines for `sign`: the shortest honest code for each scheme on the same primitive a
// provider uses. They do no input validation, no URL parsing, no query canonicalisation and
// return only the signature header's value, where `sign` checks the whole case object, decodes
// the path, re-encodes the query and returns every header and intermediate. That difference is
// what the ratios measure. A third baseline, onProviderInterface, runs the same formulas through a
// provider's CryptoProvider interface: it separates the cost of that interface from panelsig's own.

import { createHash, createHmac } from "node:crypto";
import type { CryptoProvider, SchemeId } from "@panelsig/core";
import { hmacSha256, sha256 } from "@panelsig/pure";
import type { HandParts } from "./cases.ts";

export type Primitive = "node" | "webcrypto" | "pure";
type Sign = () => string | Promise<string>;

const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/** Lower-case hex, one table lookup per byte: the fastest plain-JS form, so the baselines are not handicapped. */
function hex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = "";
  for (let i = 0; i < view.length; i++) out += HEX[view[i]!];
  return out;
}

const aceAuthorization = (r: HandParts, signature: string) => `HMAC-SHA256 Credential=${r.keyId}, Signature=${signature}`;

const nodeSha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** acepanel's Authorization on node:crypto, from the body's SHA-256 (hex). */
export function acepanelOnNode(r: HandParts, bodySha256: string): string {
  const canonicalRequest = `${r.method}\n${r.path}\n${r.query}\n${bodySha256}`;
  return aceAuthorization(r, createHmac("sha256", r.secret).update(`HMAC-SHA256\n${r.timestamp}\n${nodeSha256(canonicalRequest)}`).digest("hex"));
}

function onNode(scheme: SchemeId, r: HandParts): Sign {
  const hmac = (text: string) => createHmac("sha256", r.secret).update(text).digest("hex");
  switch (scheme) {
    case "opterius-agent":
      return () => hmac(r.timestamp + r.method + r.path + r.body);
    case "opterius-panel":
      return () => hmac(r.timestamp + r.body);
    case "acepanel":
      return () => acepanelOnNode(r, nodeSha256(r.body));
  }
}

/** WebCrypto with the key imported once, before timing (as the webcrypto provider caches it). */
async function onWebCrypto(scheme: SchemeId, r: HandParts): Promise<Sign> {
  const { subtle } = globalThis.crypto;
  const key = await subtle.importKey("raw", encoder.encode(r.secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const hmac = async (text: string) => hex(await subtle.sign("HMAC", key, encoder.encode(text)));
  const sha = async (text: string) => hex(await subtle.digest("SHA-256", encoder.encode(text)));
  switch (scheme) {
    case "opterius-agent":
      return () => hmac(r.timestamp + r.method + r.path + r.body);
    case "opterius-panel":
      return () => hmac(r.timestamp + r.body);
    case "acepanel":
      return async () => {
        const canonicalRequest = `${r.method}\n${r.path}\n${r.query}\n${await sha(r.body)}`;
        return aceAuthorization(r, await hmac(`HMAC-SHA256\n${r.timestamp}\n${await sha(canonicalRequest)}`));
      };
  }
}

/** @panelsig/pure's functions called directly, the secret encoded once. */
function onPure(scheme: SchemeId, r: HandParts): Sign {
  const key = encoder.encode(r.secret);
  const hmac = (text: string) => hex(hmacSha256(key, encoder.encode(text)));
  const sha = (text: string) => hex(sha256(encoder.encode(text)));
  switch (scheme) {
    case "opterius-agent":
      return () => hmac(r.timestamp + r.method + r.path + r.body);
    case "opterius-panel":
      return () => hmac(r.timestamp + r.body);
    case "acepanel":
      return () => {
        const canonicalRequest = `${r.method}\n${r.path}\n${r.query}\n${sha(r.body)}`;
        return aceAuthorization(r, hmac(`HMAC-SHA256\n${r.timestamp}\n${sha(canonicalRequest)}`));
      };
  }
}

/** Goes on with a provider's answer, given at once or as a promise. */
const after = <T, R>(value: T | Promise<T>, next: (value: T) => R | Promise<R>): R | Promise<R> =>
  value instanceof Promise ? value.then(next) : next(value);

/**
 * The same formulas on a provider's own interface (bytes in, bytes out), text encoded with
 * TextEncoder and hex built in JS, no checks: what any signer built on that interface pays.
 * The gap between it and the hand-written code is the interface's, not panelsig's.
 */
export function onProviderInterface(provider: CryptoProvider, scheme: SchemeId, r: HandParts): Sign {
  const key = encoder.encode(r.secret);
  const hmac = (text: string) => after(provider.hmacSha256(key, encoder.encode(text)), hex);
  const sha = (text: string) => after(provider.sha256(encoder.encode(text)), hex);
  switch (scheme) {
    case "opterius-agent":
      return () => hmac(r.timestamp + r.method + r.path + r.body);
    case "opterius-panel":
      return () => hmac(r.timestamp + r.body);
    case "acepanel":
      return () =>
        after(sha(r.body), (bodyHash) =>
          after(sha(`${r.method}\n${r.path}\n${r.query}\n${bodyHash}`), (canonicalHash) =>
            after(hmac(`HMAC-SHA256\n${r.timestamp}\n${canonicalHash}`), (signature) => aceAuthorization(r, signature)),
          ),
        );
  }
}

/** The hand-written signer for `scheme` on `primitive`, returning the signature header's value. */
export async function handwritten(primitive: Primitive, scheme: SchemeId, parts: HandParts): Promise<Sign> {
  switch (primitive) {
    case "node":
      return onNode(scheme, parts);
    case "webcrypto":
      return onWebCrypto(scheme, parts);
    case "pure":
      return onPure(scheme, parts);
  }
}
