// Part 4: verifying a 1 KiB JSON body with the webhook verifiers people reach for —
// standardwebhooks' and svix's Webhook.verify — against panelsig's `verify(case)` for
// opterius-panel, the closest job (an HMAC over timestamp + body, one signature header, a ±300 s
// window on the system clock). The hand-written node:crypto receiver runs beside them for scale.
// Before any timing, each must accept the valid request and refuse it with its body or signature
// changed; every timed call checks that it accepted (the peers throw when they refuse).

import { createHmac } from "node:crypto";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { Webhook as SvixWebhook } from "svix";
import { jsonBody, REQUESTS, withBody } from "./cases.ts";
import { compare, opsPerSample, type Settings } from "./measure.ts";
import { accepting, checkBothVerify, signedRequest } from "./verify.ts";

export const PEER_BYTES = 1024;
/** Least acceptable ratio (peer time ÷ panelsig time) from issue 15. */
export const PEER_TARGET = 1.2;

export interface PeerRow {
  /** Who verified: a peer, or the hand-written receiver. */
  verifier: string;
  ns: number;
  panelsigNs: number;
  /** verifier time ÷ panelsig time: above 1, panelsig is faster. */
  ratio: number;
  target: number | null;
  spread: number;
}

type Headers = Record<string, string>;

/** A Standard Webhooks request: HMAC(key, "id.timestamp.payload") in base64, signed here with node:crypto. */
function webhookRequest(key: Buffer, payload: string, prefix: "webhook" | "svix"): { headers: Headers; changed: [string, string, Headers][] } {
  const id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = (body: string) => `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
  const headers = (value: string) => ({ [`${prefix}-id`]: id, [`${prefix}-timestamp`]: timestamp, [`${prefix}-signature`]: value });
  return {
    headers: headers(signature(payload)),
    changed: [
      ["body changed", `X${payload.slice(1)}`, headers(signature(payload))],
      ["signature changed", payload, headers(signature(`X${payload.slice(1)}`))],
    ],
  };
}

/** Throws unless `verify` accepts (returns) the valid request and refuses (throws on) each changed one. */
function checkPeer(name: string, verify: (payload: string, headers: Headers) => unknown, payload: string, request: ReturnType<typeof webhookRequest>): void {
  verify(payload, request.headers);
  for (const [what, body, headers] of request.changed) {
    let refused = false;
    try {
      verify(body, headers);
    } catch {
      refused = true;
    }
    if (!refused) throw new Error(`${name} accepts the request with its ${what}`);
  }
}

export async function benchPeers(settings: Settings, log: (line: string) => void): Promise<PeerRow[]> {
  const payload = jsonBody(PEER_BYTES);
  const typical = REQUESTS.find((r) => r.scheme === "opterius-panel")!;
  const sized = withBody(typical, payload);
  const request = { ...sized, parts: { ...sized.parts, timestamp: String(Math.floor(Date.now() / 1000)) } };
  await checkBothVerify(request, undefined);
  const panelsig = await signedRequest(request, undefined);
  const hand = panelsig.receiver(undefined);

  const key = Buffer.from("panelsig-bench-peer-secret-32-by");
  const secret = `whsec_${key.toString("base64")}`;
  const standard = new StandardWebhook(secret);
  const svix = new SvixWebhook(secret);
  const peers: [string, (payload: string, headers: Headers) => unknown, ReturnType<typeof webhookRequest>][] = [
    ["standardwebhooks", (p, h) => standard.verify(p, h), webhookRequest(key, payload, "webhook")],
    ["standardwebhooks, jsonParse: false", (p, h) => standard.verify(p, h, { jsonParse: false }), webhookRequest(key, payload, "webhook")],
    ["svix", (p, h) => svix.verify(p, h), webhookRequest(key, payload, "svix")],
  ];
  for (const [name, verify, signed] of peers) checkPeer(name, verify, payload, signed);
  log("  every verifier accepts the valid request and refuses the changed ones");

  const timings = await compare(
    [
      { name: "panelsig", run: accepting(panelsig.case) },
      { name: "hand-written node:crypto", run: () => { if (!hand(panelsig.hand)) throw new Error("the hand-written receiver refused while timed"); } },
      ...peers.map(([name, verify, signed]) => ({ name, run: () => verify(payload, signed.headers) })),
    ],
    settings,
    opsPerSample(PEER_BYTES),
  );
  const mine = timings.get("panelsig")!;
  return [...timings].filter(([name]) => name !== "panelsig").map(([verifier, t]) => ({
    verifier,
    ns: t.ns,
    panelsigNs: mine.ns,
    ratio: t.ns / mine.ns,
    target: verifier.startsWith("hand") ? null : PEER_TARGET,
    spread: Math.max(t.spread, mine.spread),
  }));
}
