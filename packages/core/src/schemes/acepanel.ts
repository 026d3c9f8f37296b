// AcePanel: the panel's API checks a canonical request, as its Go server builds it
// (internal/data/user_token.go ValidateReq, internal/middleware/entrance.go):
//   canonicalRequest = METHOD \n PATH \n QUERY \n hex(sha256(body))
//   stringToSign     = "HMAC-SHA256" \n TIMESTAMP \n hex(sha256(canonicalRequest))
//   Authorization: HMAC-SHA256 Credential=<token id>, Signature=hex(hmac(secret, stringToSign))
// PATH is the percent-decoded path after the entry prefix, QUERY is Go's re-encoding of the
// query, and TIMESTAMP is the number the server reads from X-Timestamp, re-printed.

import { toHex, utf8 } from "../bytes.ts";
import type { ReadCase } from "../case.ts";
import { PanelsigError } from "../errors.ts";
import { acepanelTimestampValue } from "../go-strconv.ts";
import { canonicalQuery } from "../go-url.ts";
import type { CryptoProvider } from "../provider.ts";
import { decodedPath } from "../request.ts";
import type { SignResult } from "../types.ts";

export const ALGORITHM = "HMAC-SHA256";
const UINT64_MAX = (1n << 64n) - 1n;

/** The server's reading of its `http.entrance` setting: no trailing "/", a leading "/". */
export function normaliseEntrance(entrance: string): string {
  const trimmed = entrance.replace(/\/+$/, "");
  return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
}

/**
 * What remains of a decoded path once the entrance is removed, as the server's entrance
 * middleware does it; undefined when the path is not under the entrance.
 */
export function stripEntrance(path: string, entrance: string): string | undefined {
  const prefix = normaliseEntrance(entrance);
  if (prefix === "/") return path;
  if (path === prefix) return "";
  return path.startsWith(prefix + "/") ? path.slice(prefix.length) : undefined;
}

export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

/** The canonical path a signer uses: after the given entrance, or else from the first "api" segment. */
function canonicalPath(path: string, entrance: string | undefined): string {
  if (entrance !== undefined) {
    const rest = stripEntrance(path, entrance);
    if (rest === undefined || !isApiPath(rest)) {
      throw new PanelsigError(
        "invalid_url",
        "request.url",
        `path ${JSON.stringify(path)} is not /api or /api/… under the entrance ${JSON.stringify(normaliseEntrance(entrance))}; the server checks signatures only there`,
      );
    }
    return rest;
  }
  for (let i = path.indexOf("/"); i >= 0; i = path.indexOf("/", i + 1)) {
    if (isApiPath(path.slice(i))) return path.slice(i);
  }
  throw new PanelsigError("invalid_url", "request.url", `path ${JSON.stringify(path)} has no "api" segment; set options.entrance or use a path like /entrance/api/…`);
}

/** credentials.keyId as the server's "%d" reads it: a decimal uint64, printed without leading zeros. */
export function readKeyId(keyId: unknown): string {
  const field = "credentials.keyId";
  if (typeof keyId === "number") {
    if (Number.isSafeInteger(keyId) && keyId >= 0) return String(keyId);
    throw new PanelsigError("invalid_key_id", field, `${keyId} is not a non-negative integer below 2^53 (use a decimal string for larger ids)`);
  }
  if (typeof keyId === "string" && /^[0-9]+$/.test(keyId) && BigInt(keyId) <= UINT64_MAX) return BigInt(keyId).toString();
  if (keyId === undefined) throw new PanelsigError("invalid_key_id", field, "is required by acepanel: the token id shown when the token was created");
  throw new PanelsigError("invalid_key_id", field, `${JSON.stringify(keyId)} is not a token id (a non-negative integer, or a decimal string up to 2^64-1)`);
}

export interface AcepanelParts {
  method: string;
  canonicalPath: string;
  canonicalQuery: string;
  body: Uint8Array;
  /** The re-printed number the server reads from X-Timestamp. */
  timestamp: string;
  secret: Uint8Array;
}

/** Every intermediate, from the already-canonical parts: the one code path for signer and verifier. */
export async function acepanelSignature(provider: CryptoProvider, parts: AcepanelParts) {
  const bodyHash = toHex(await provider.sha256(parts.body));
  const canonicalRequest = `${parts.method}\n${parts.canonicalPath}\n${parts.canonicalQuery}\n${bodyHash}`;
  const canonicalRequestHash = toHex(await provider.sha256(utf8(canonicalRequest)));
  const stringToSign = `${ALGORITHM}\n${parts.timestamp}\n${canonicalRequestHash}`;
  const signature = toHex(await provider.hmacSha256(parts.secret, utf8(stringToSign)));
  return { canonicalRequest, stringToSign, signature };
}

export async function signAcepanel(provider: CryptoProvider, c: ReadCase): Promise<SignResult> {
  const keyId = readKeyId(c.keyId);
  const timestampText = c.timestamp ?? String(Math.floor(Date.now() / 1000));
  const timestamp = acepanelTimestampValue(timestampText);
  if (timestamp === 0n) {
    throw new PanelsigError("invalid_timestamp", "timestamp", `the server reads ${JSON.stringify(timestampText)} as 0 and rejects it; give Unix seconds`);
  }
  const { request } = c;
  const result = await acepanelSignature(provider, {
    method: request.method,
    canonicalPath: canonicalPath(decodedPath(request.rawPath), c.options.entrance),
    canonicalQuery: request.rawQuery === undefined ? "" : canonicalQuery(request.rawQuery),
    body: request.body,
    timestamp: timestamp.toString(),
    secret: c.secret,
  });
  return {
    headers: [
      ["X-Timestamp", timestampText],
      ["Authorization", `${ALGORITHM} Credential=${keyId}, Signature=${result.signature}`],
    ],
    ...result,
  };
}
