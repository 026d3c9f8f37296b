// Part 2: a provider's `sign` against the hand-written code on the same primitive, per scheme and
// body size, one call at a time (sequential); WebCrypto also 100 at once (batched: Promise.all of
// 100 signs), where its figures are steadier. Before any timing, the provider's signature must
// equal its hand-written baseline's.

import { PROVIDERS } from "@panelsig/conformance";
import { BODY_SIZES, jsonBody, REQUESTS, withBody } from "./cases.ts";
import { handwritten, onProviderInterface, type Primitive } from "./handwritten.ts";
import { compare, opsPerSample, type Contender, type Settings } from "./measure.ts";

export const BATCH = 100;
/** Body sizes at which WebCrypto is also timed batched. */
const BATCHED_UP_TO = 1024;

/** Least acceptable ratio (hand-written time ÷ sign time) from issue 15, or null where none is set. */
export function signTarget(provider: Primitive, scheme: string, bytes: number): number | null {
  if (provider === "node") return bytes <= 1024 ? 0.7 : scheme === "acepanel" ? null : 0.9;
  if (provider === "webcrypto") return bytes <= 1024 ? 0.9 : null;
  return null;
}

export interface SigningRow {
  scheme: string;
  bytes: number;
  mode: "sequential" | "batched";
  provider: Primitive;
  signNs: number;
  handwrittenNs: number;
  /** The hand-written formulas on the provider's own interface (bytes in, bytes out): sign's floor. */
  interfaceNs: number;
  /** hand-written time ÷ sign time: 1 means no overhead. */
  ratio: number;
  /** The best ratio any signer on the provider's interface reaches: hand-written / interface. */
  interfaceRatio: number;
  target: number | null;
  spread: number;
}

/** `provider`'s sign on every request and body size (run.ts gives each provider a process of its own). */
export async function benchSigning(settings: Settings, log: (line: string) => void, provider: Primitive): Promise<SigningRow[]> {
  const p = PROVIDERS.find((candidate) => candidate.name === provider);
  if (p === undefined) throw new Error(`no provider named ${provider}`);
  const rows: SigningRow[] = [];
  for (const typical of REQUESTS) {
    for (const bytes of BODY_SIZES) {
      const request = withBody(typical, jsonBody(bytes));
      const hand = await handwritten(provider, request.scheme, request.parts);
      const onInterface = onProviderInterface(p.provider, request.scheme, request.parts);
      const signed = (await p.sign(request.case)).headers.find(([name]) => name === request.signatureHeader)?.[1];
      const expected = await hand();
      if (signed !== expected) throw new Error(`${request.scheme} ${bytes} B: ${provider} signs ${signed}, hand-written ${expected}`);
      if ((await onInterface()) !== expected) throw new Error(`${request.scheme} ${bytes} B: ${provider}'s interface baseline signs ${await onInterface()}`);
      const single: Contender[] = [
        { name: "sign", run: () => p.sign(request.case) },
        { name: "hand", run: hand },
        { name: "interface", run: onInterface },
      ];
      const modes = provider === "webcrypto" && bytes <= BATCHED_UP_TO ? (["sequential", "batched"] as const) : (["sequential"] as const);
      for (const mode of modes) {
        const contenders =
          mode === "sequential" ? single : single.map((c) => ({ name: c.name, run: () => Promise.all(Array.from({ length: BATCH }, c.run)), opsPerCall: BATCH }));
        const timings = await compare(contenders, settings, opsPerSample(bytes));
        const [sign, handTime, interfaceTime] = [timings.get("sign")!, timings.get("hand")!, timings.get("interface")!];
        rows.push({
          scheme: request.scheme,
          bytes,
          mode,
          provider,
          signNs: sign.ns,
          handwrittenNs: handTime.ns,
          interfaceNs: interfaceTime.ns,
          ratio: handTime.ns / sign.ns,
          interfaceRatio: handTime.ns / interfaceTime.ns,
          target: signTarget(provider, request.scheme, bytes),
          spread: Math.max(sign.spread, handTime.spread, interfaceTime.spread),
        });
        log(`  ${provider}: ${request.scheme} ${bytes} B ${mode} done`);
      }
    }
  }
  return rows;
}
