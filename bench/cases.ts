// One typical request per scheme: the case object a provider's `sign` reads, and the same request
// as the already-canonical parts a hand-written client would plug straight into its formula.

import type { Case, SchemeId } from "@panelsig/core";

export interface HandParts {
  secret: string;
  timestamp: string;
  method: string;
  /** Decoded path, after the entrance for acepanel. */
  path: string;
  /** acepanel: the query already in the server's canonical form. */
  query: string;
  body: string;
  /** acepanel: the token id. */
  keyId?: number;
}

export interface BenchRequest {
  scheme: SchemeId;
  case: Case;
  parts: HandParts;
  /** The header whose value carries the signature. */
  signatureHeader: string;
}

export const REQUESTS: readonly BenchRequest[] = [
  {
    scheme: "acepanel",
    case: {
      scheme: "acepanel",
      request: {
        method: "POST",
        url: "https://panel.example.com/entrance/api/website/list?limit=20&page=1",
        body: '{"name":"example.com","path":"/www/wwwroot/example.com"}',
      },
      credentials: { secret: "YourSecretToken", keyId: 16 },
      timestamp: "1700000000",
      options: { entrance: "/entrance" },
    },
    parts: {
      secret: "YourSecretToken",
      timestamp: "1700000000",
      method: "POST",
      path: "/api/website/list",
      query: "limit=20&page=1",
      body: '{"name":"example.com","path":"/www/wwwroot/example.com"}',
      keyId: 16,
    },
    signatureHeader: "Authorization",
  },
  {
    scheme: "opterius-agent",
    case: {
      scheme: "opterius-agent",
      request: { method: "POST", url: "/account/create", body: '{"username":"alice","domain":"alice.example.com"}' },
      credentials: { secret: "your-secret-key-here" },
      timestamp: "2026-04-08T14:32:00+00:00",
    },
    parts: {
      secret: "your-secret-key-here",
      timestamp: "2026-04-08T14:32:00+00:00",
      method: "POST",
      path: "/account/create",
      query: "",
      body: '{"username":"alice","domain":"alice.example.com"}',
    },
    signatureHeader: "X-Signature",
  },
  {
    scheme: "opterius-panel",
    case: {
      scheme: "opterius-panel",
      request: { method: "POST", url: "/api/accounts/42/suspend", body: '{"reason":"unpaid invoice"}' },
      credentials: { secret: "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9" },
      timestamp: "1775658720",
    },
    parts: {
      secret: "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9",
      timestamp: "1775658720",
      method: "POST",
      path: "/api/accounts/42/suspend",
      query: "",
      body: '{"reason":"unpaid invoice"}',
    },
    signatureHeader: "X-Signature",
  },
];

/** The body sizes the signing, verify and peers parts measure at: none, a typical API call, large, very large. */
export const BODY_SIZES = [0, 1024, 64 * 1024, 1024 * 1024] as const;

/** A JSON text of exactly `bytes` bytes (ASCII), or no body at all for 0. */
export function jsonBody(bytes: number): string {
  if (bytes === 0) return "";
  const open = '{"data":"';
  const close = '"}';
  const filler = "abcdefghijklmnopqrstuvwxyz0123456789".repeat(Math.ceil(bytes / 36)).slice(0, bytes - open.length - close.length);
  return open + filler + close;
}

/**
 * `request` with `body` in place of its own. The hand-written parts carry what the real client
 * signs: for opterius-panel an empty body is signed as "{}" (as `sign` does by default).
 */
export function withBody(request: BenchRequest, body: string): BenchRequest {
  const signed = body === "" && request.scheme === "opterius-panel" ? "{}" : body;
  return {
    ...request,
    case: { ...request.case, request: { ...request.case.request, body } },
    parts: { ...request.parts, body: signed },
  };
}
