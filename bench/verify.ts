// Part 3: the node provider's `verify(case)` against a hand-written node:crypto receiver doing the
// same job (handwritten-verify.ts), per scheme and body size, on valid requests signed here with
// node:crypto. Before any timing, both must accept the valid request and both must refuse it with
// its body changed, with its signature changed and when the clock is 1000 s later; every timed call
// checks that it accepted, so no rejection is ever timed as an acceptance.

import type { Case, HeaderPair } from "@panelsig/core";
import { verify } from "@panelsig/node";
import { BODY_SIZES, jsonBody, REQUESTS, withBody, type BenchRequest } from "./cases.ts";
import { handwritten } from "./handwritten.ts";
import { acepanelReceiver, opteriusAgentReceiver, opteriusPanelReceiver, type HandRequest, type HandVerifier } from "./handwritten-verify.ts";
import { compare, opsPerSample, type Settings } from "./measure.ts";

/** Seconds between signing and verifying. */
const LATENCY = 10;

/** Least acceptable ratio (hand-written time ÷ verify time) from issue 15, or null where none is set. */
export function verifyTarget(scheme: string, bytes: number): number | null {
  return bytes <= 1024 ? 0.5 : scheme === "acepanel" ? null : 0.9;
}

export interface VerifyRow {
  scheme: string;
  bytes: number;
  verifyNs: number;
  handwrittenNs: number;
  /** hand-written time ÷ verify time: 1 means no overhead. */
  ratio: number;
  target: number | null;
  spread: number;
}

/** One request as both verifiers receive it: a case object for panelsig, an Express-like request for the hand-written receiver. */
export interface SignedRequest {
  case: Case;
  hand: HandRequest;
  /** The hand-written receiver, its clock `now` seconds (the system clock when undefined). */
  receiver: (now: number | undefined) => HandVerifier;
}

/** When the request was signed, in Unix seconds. */
const signedAt = (request: BenchRequest) =>
  request.scheme === "opterius-agent" ? Date.parse(request.parts.timestamp) / 1000 : Number(request.parts.timestamp);

/** The request-target a receiver sees: an absolute URL loses its origin. */
const requestTarget = (url: string) => (/^https?:/.test(url) ? new URL(url).pathname + new URL(url).search : url);

/**
 * `request` signed with hand-written node:crypto (handwritten.ts, checked against every provider's
 * `sign` by the signing part), with `body` sent (the signed one unless told), verified at `now`
 * (the system clock when undefined).
 */
export async function signedRequest(request: BenchRequest, now: number | undefined, tamper: { body?: string; signature?: string } = {}): Promise<SignedRequest> {
  const { scheme, parts } = request;
  const signature = tamper.signature ?? (await (await handwritten("node", scheme, parts))());
  const headers: HeaderPair[] =
    scheme === "acepanel"
      ? [["X-Timestamp", parts.timestamp], ["Authorization", signature], ["Content-Type", "application/json"]]
      : [["X-Signature", signature], ["X-Timestamp", parts.timestamp], ["Content-Type", "application/json"]];
  const url = requestTarget(request.case.request.url);
  const body = tamper.body ?? (request.case.request.body as string);
  const entrance = request.case.options?.entrance ?? "";
  const context = { ...(now === undefined ? {} : { now }), ...(scheme === "acepanel" ? { entrance } : {}) };
  const clock = (at: number | undefined) => (at === undefined ? () => Date.now() / 1000 : () => at);
  return {
    case: { scheme, request: { method: parts.method, url, headers, body }, credentials: request.case.credentials, context },
    hand: { method: parts.method, url, headers: Object.fromEntries(headers.map(([name, value]) => [name.toLowerCase(), value])), body },
    receiver: (at) =>
      scheme === "acepanel"
        ? acepanelReceiver(new Map([[String(parts.keyId), parts.secret]]), entrance, clock(at))
        : scheme === "opterius-agent"
          ? opteriusAgentReceiver(parts.secret, clock(at))
          : opteriusPanelReceiver(parts.secret, clock(at)),
  };
}

/** The valid request's signature header with its last character changed. */
function otherSignature(value: string): string {
  return value.slice(0, -1) + (value.endsWith("0") ? "1" : "0");
}

/** Throws unless panelsig and the hand-written receiver both accept `request` at `now` and both refuse it changed. */
export async function checkBothVerify(request: BenchRequest, now: number | undefined): Promise<void> {
  const label = `${request.scheme} ${Buffer.byteLength(request.case.request.body as string)} B`;
  const valid = await signedRequest(request, now);
  const v = await verify(valid.case);
  if (!v.valid) throw new Error(`${label}: verify refuses the valid request (${v.error})`);
  if (!valid.receiver(now)(valid.hand)) throw new Error(`${label}: the hand-written receiver refuses the valid request`);
  const signature = await (await handwritten("node", request.scheme, request.parts))();
  const body = request.case.request.body as string;
  const changed: [string, SignedRequest, number | undefined][] = [
    ["body changed", await signedRequest(request, now, { body: body === "" ? "x" : `X${body.slice(1)}` }), now],
    ["signature changed", await signedRequest(request, now, { signature: otherSignature(signature) }), now],
    ["1000 s later", await signedRequest(request, (now ?? Date.now() / 1000) + 1000), (now ?? Date.now() / 1000) + 1000],
  ];
  for (const [what, bad, at] of changed) {
    const r = await verify(bad.case);
    if (r.valid) throw new Error(`${label}: verify accepts the request with its ${what}`);
    if (bad.receiver(at)(bad.hand)) throw new Error(`${label}: the hand-written receiver accepts the request with its ${what}`);
  }
}

/** A timed call that fails loudly if it ever refuses: only acceptances are timed. */
export const accepting = (c: Case) => async () => {
  if (!(await verify(c)).valid) throw new Error(`verify refused a valid ${c.scheme} request while timed`);
};

export async function benchVerify(settings: Settings, log: (line: string) => void): Promise<VerifyRow[]> {
  const rows: VerifyRow[] = [];
  for (const typical of REQUESTS) {
    const now = signedAt(typical) + LATENCY;
    for (const bytes of BODY_SIZES) {
      const request = withBody(typical, jsonBody(bytes));
      await checkBothVerify(request, now);
      const { case: c, hand, receiver } = await signedRequest(request, now);
      const handVerify = receiver(now);
      const timings = await compare(
        [
          { name: "verify", run: accepting(c) },
          { name: "hand", run: () => { if (!handVerify(hand)) throw new Error(`the hand-written ${c.scheme} receiver refused while timed`); } },
        ],
        settings,
        opsPerSample(bytes),
      );
      const v = timings.get("verify")!;
      const h = timings.get("hand")!;
      rows.push({ scheme: request.scheme, bytes, verifyNs: v.ns, handwrittenNs: h.ns, ratio: h.ns / v.ns, target: verifyTarget(request.scheme, bytes), spread: Math.max(v.spread, h.spread) });
      log(`  ${request.scheme} ${bytes} B done`);
    }
  }
  return rows;
}
