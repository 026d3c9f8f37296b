// Part 4: the cost of the diagnosis. A rejected request costs one verification; with the diagnosis
// on, a signature mismatch also tries the scheme's known client mistakes (diagnosis.ts). Timed per
// scheme with the node provider, side by side: a mismatch that no mistake explains (every candidate
// tried: the worst case), one explained early, the same mismatch with `diagnose: false`, and an
// accepted request (which never runs the diagnosis). Before timing, each case must give the verdict
// and diagnosis it is meant to.

import { createHash, createHmac } from "node:crypto";
import { verifyHttpWith, type HttpMessage, type VerifyOptions } from "@panelsig/core";
import { nodeProvider } from "@panelsig/node";
import { compare, type Settings } from "./measure.ts";

export interface DiagnosisRow {
  scheme: string;
  /** Candidates the worst case tries (HMACs counted through the provider). */
  candidates: number;
  acceptedNs: number;
  rejectedPlainNs: number;
  explainedEarlyNs: number;
  worstNs: number;
  /** worst case / rejection without diagnosis. */
  worstRatio: number;
  spread: number;
}

const sha256 = (data: string) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string, data: string) => createHmac("sha256", key).update(data).digest("hex");
// A 1 KiB JSON body: re-serialised by the body mistakes.
const BODY = JSON.stringify({ name: "example.com", path: "/www/wwwroot/example.com", note: "x".repeat(960) });
const bytes = new TextEncoder().encode(BODY);

interface Scenario {
  scheme: string;
  options: VerifyOptions;
  /** The request carrying a given signature. */
  message(signature: string): HttpMessage;
  right: string;
  /** A signature one early mistake of the catalogue explains. */
  early: { signature: string; mistake: string };
}

function scenarios(): Scenario[] {
  const aceTs = "1700000000";
  const ace = (query: string) => hmac("YourSecretToken", `HMAC-SHA256\n${aceTs}\n${sha256(`POST\n/api/website\n${query}\n${sha256(BODY)}`)}`);
  const agentTs = "2026-04-08T14:32:00+00:00";
  const agent = (method: string) => hmac("agent-secret", `${agentTs}${method}/account/create${BODY}`);
  const panelTs = "1775658720";
  return [
    {
      scheme: "acepanel",
      options: { scheme: "acepanel", token: () => ({ secret: "YourSecretToken" }), entrance: "/entrance", now: () => 1700000000 },
      message: (signature) => ({ method: "POST", target: "/entrance/api/website?b=2&a=1", headers: [["X-Timestamp", aceTs], ["Authorization", `HMAC-SHA256 Credential=16, Signature=${signature}`]], body: bytes }),
      right: ace("a=1&b=2"),
      early: { signature: ace("b=2&a=1"), mistake: "query-unsorted" },
    },
    {
      scheme: "opterius-agent",
      options: { scheme: "opterius-agent", secret: "agent-secret", now: () => 1775658720 },
      message: (signature) => ({ method: "post", target: "/account/create", headers: [["X-Timestamp", agentTs], ["X-Signature", signature]], body: bytes }),
      right: agent("post"),
      early: { signature: agent("POST"), mistake: "method-case" },
    },
    {
      scheme: "opterius-panel",
      options: { scheme: "opterius-panel", secret: "eyJ-test", now: () => 1775658720 },
      message: (signature) => ({ method: "POST", target: "/api/accounts", headers: [["X-Timestamp", panelTs], ["X-Signature", signature]], body: bytes }),
      right: hmac("eyJ-test", panelTs + BODY),
      early: { signature: hmac("eyJ-test", `${panelTs}POST${BODY}`), mistake: "method-included" },
    },
  ];
}

export async function benchDiagnosis(settings: Settings, log: (line: string) => void): Promise<DiagnosisRow[]> {
  const rows: DiagnosisRow[] = [];
  const wrong = "0".repeat(64);
  for (const s of scenarios()) {
    log(`  ${s.scheme} …`);
    const verify = (signature: string, diagnose = true) => verifyHttpWith(nodeProvider, s.message(signature), { ...s.options, diagnose });
    // Each case must be what it says before it is timed.
    const accepted = await verify(s.right);
    const early = await verify(s.early.signature);
    const worst = await verify(wrong);
    const plain = await verify(wrong, false);
    if (!accepted.valid || early.diagnosis?.mistake !== s.early.mistake || worst.error !== "signature_mismatch" || worst.diagnosis || plain.diagnosis) {
      throw new Error(`bench: the ${s.scheme} cases are not what they should be`);
    }
    const candidates = await countHmacs(s, wrong);
    const t = await compare(
      [
        { name: "accepted", run: () => verify(s.right) },
        { name: "plain", run: () => verify(wrong, false) },
        { name: "early", run: () => verify(s.early.signature) },
        { name: "worst", run: () => verify(wrong) },
      ],
      settings,
    );
    const ns = (name: string) => t.get(name)!.ns;
    rows.push({
      scheme: s.scheme,
      candidates,
      acceptedNs: ns("accepted"),
      rejectedPlainNs: ns("plain"),
      explainedEarlyNs: ns("early"),
      worstNs: ns("worst"),
      worstRatio: ns("worst") / ns("plain"),
      spread: Math.max(...[...t.values()].map((x) => x.spread)),
    });
  }
  return rows;
}

/** HMACs the diagnosis adds to a rejection that no mistake explains. */
async function countHmacs(s: Scenario, signature: string): Promise<number> {
  let calls = 0;
  const counting = { name: "counting", sha256: nodeProvider.sha256.bind(nodeProvider), createSha256: nodeProvider.createSha256.bind(nodeProvider), hmacSha256: (k: Uint8Array, d: Uint8Array) => (calls++, nodeProvider.hmacSha256(k, d)) };
  await verifyHttpWith(counting, s.message(signature), s.options);
  const withDiagnosis = calls;
  calls = 0;
  await verifyHttpWith(counting, s.message(signature), { ...s.options, diagnose: false });
  return withDiagnosis - calls;
}
