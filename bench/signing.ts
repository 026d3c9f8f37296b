// Part 2: each provider's `sign` against the hand-written code on the same primitive, per scheme,
// one call at a time (sequential) and 100 at once (batched: Promise.all of 100 signs). Before any
// timing, every provider's signature must equal its hand-written baseline's.

import { PROVIDERS } from "@panelsig/conformance";
import { REQUESTS } from "./cases.ts";
import { handwritten, onProviderInterface, type Primitive } from "./handwritten.ts";
import { compare, type Contender, type Settings } from "./measure.ts";

export const BATCH = 100;
/** Signatures timed together in one sample, in both modes (see compare). */
const OPS_PER_SAMPLE = 256;
/** Least acceptable ratio (sign throughput / hand-written throughput), from the issue. */
const SIGN_TARGETS: Record<Primitive, number | null> = { node: 0.85, webcrypto: 0.9, pure: null };

export interface SigningRow {
  scheme: string;
  mode: "sequential" | "batched";
  provider: Primitive;
  signNs: number;
  handwrittenNs: number;
  /** The hand-written formulas on the provider's own interface (bytes in, bytes out): sign's floor. */
  interfaceNs: number;
  /** sign throughput / hand-written throughput: 1 means no overhead. */
  ratio: number;
  /** The best ratio any signer on the provider's interface reaches: hand-written / interface. */
  interfaceRatio: number;
  target: number | null;
  spread: number;
}

export async function benchSigning(settings: Settings, log: (line: string) => void): Promise<SigningRow[]> {
  const rows: SigningRow[] = [];
  for (const request of REQUESTS) {
    const single: Contender[] = [];
    for (const p of PROVIDERS) {
      const provider = p.name as Primitive;
      const hand = await handwritten(provider, request.scheme, request.parts);
      const onInterface = onProviderInterface(p.provider, request.scheme, request.parts);
      const signed = (await p.sign(request.case)).headers.find(([name]) => name === request.signatureHeader)?.[1];
      const expected = await hand();
      if (signed !== expected) throw new Error(`${request.scheme}: ${provider} signs ${signed}, hand-written ${expected}`);
      if ((await onInterface()) !== expected) throw new Error(`${request.scheme}: ${provider}'s interface baseline signs ${await onInterface()}`);
      single.push(
        { name: `sign ${provider}`, run: () => p.sign(request.case) },
        { name: `hand ${provider}`, run: hand },
        { name: `interface ${provider}`, run: onInterface },
      );
    }
    for (const mode of ["sequential", "batched"] as const) {
      const contenders =
        mode === "sequential"
          ? single
          : single.map((c) => ({ name: c.name, run: () => Promise.all(Array.from({ length: BATCH }, c.run)), opsPerCall: BATCH }));
      const timings = await compare(contenders, settings, OPS_PER_SAMPLE);
      for (const p of PROVIDERS) {
        const provider = p.name as Primitive;
        const sign = timings.get(`sign ${provider}`)!;
        const hand = timings.get(`hand ${provider}`)!;
        const onInterface = timings.get(`interface ${provider}`)!;
        rows.push({
          scheme: request.scheme,
          mode,
          provider,
          signNs: sign.ns,
          handwrittenNs: hand.ns,
          interfaceNs: onInterface.ns,
          ratio: hand.ns / sign.ns,
          interfaceRatio: hand.ns / onInterface.ns,
          target: SIGN_TARGETS[provider],
          spread: Math.max(sign.spread, hand.spread, onInterface.spread),
        });
      }
      log(`  ${request.scheme} ${mode} done`);
    }
  }
  return rows;
}
