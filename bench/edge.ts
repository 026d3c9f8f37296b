// Part 4: what a live receiver must pay the same for, whatever the client or the store's state.
//   - a header of 60,000 spaces against one of 60,000 letters (each inside "1…1" in X-Timestamp,
//     the header every scheme reads), through verify(case) and verifyRequest(Request), each scheme;
//     reading a request must be linear, so the spaces may cost at most 3× the letters;
//   - MemoryReplayStore claims on an empty store, one holding 50,000 with an entry expiring at every
//     claim, and a full one (every claim refused): one claim must cost the same in all three (what
//     a Map of 50,000 costs over a Map of one is shown by a bare-Map baseline).
// Before any timing, every contender's answer is checked.

import { MemoryReplayStore } from "@panelsig/core";
import { verify, verifyRequest } from "@panelsig/node";
import { compare, type Settings } from "./measure.ts";

export const HEADER_TARGET = 3;
export const REPLAY_TARGET = 1.5;
const RUN = 60_000;
const NOW = 1700000000;

export interface HeaderRow {
  scheme: string;
  api: "verify(case)" | "verifyRequest";
  spacesNs: number;
  lettersNs: number;
  /** spaces / letters: 1 means a run of spaces costs what any other run does. */
  ratio: number;
  spread: number;
}

export interface ReplayRow {
  store: string;
  /** A bare Map, not a store: context for the figures, not held to the target. */
  baseline: boolean;
  claimNs: number;
  /** This store's claim / the empty store's claim. */
  ratio: number;
  spread: number;
}

const SCHEMES: { scheme: string; url: string; headers: [string, string][]; credentials: object; answer: string }[] = [
  { scheme: "acepanel", url: "/api/user/info", headers: [["Authorization", "HMAC-SHA256 Credential=16, Signature=00"]], credentials: { secret: "s", keyId: 16 }, answer: "signature_mismatch" },
  { scheme: "opterius-agent", url: "/api/accounts", headers: [["X-Signature", "00"]], credentials: { secret: "s" }, answer: "timestamp_invalid" },
  { scheme: "opterius-panel", url: "/api/accounts", headers: [["X-Signature", "00"]], credentials: { secret: "s" }, answer: "timestamp_invalid" },
];

export async function benchHeaders(settings: Settings, log: (line: string) => void): Promise<HeaderRow[]> {
  const rows: HeaderRow[] = [];
  const values = { spaces: `1${" ".repeat(RUN)}1`, letters: `1${"a".repeat(RUN)}1` };
  for (const s of SCHEMES) {
    log(`  ${s.scheme}: a header of ${RUN} spaces vs ${RUN} letters`);
    const aCase = (value: string) =>
      ({ scheme: s.scheme, request: { method: "GET", url: s.url, headers: [...s.headers, ["X-Timestamp", value]] }, credentials: s.credentials, context: { now: NOW } }) as never;
    const token = { secret: "s" };
    const options = s.scheme === "acepanel"
      ? { scheme: s.scheme, token: (id: string) => (id === "16" ? token : undefined), now: () => NOW }
      : { scheme: s.scheme, secret: "s", now: () => NOW };
    const aRequest = (value: string) => new Request(`http://p${s.url}`, { headers: [...s.headers, ["X-Timestamp", value]] });
    const runs = {
      "verify(case)": (value: string) => () => verify(aCase(value)),
      verifyRequest: (value: string) => () => verifyRequest(aRequest(value), options as never),
    } as const;
    for (const [api, run] of Object.entries(runs) as [HeaderRow["api"], (v: string) => () => Promise<{ error?: string }>][]) {
      for (const value of Object.values(values)) {
        const error = (await run(value)()).error;
        if (error !== s.answer) throw new Error(`${s.scheme} ${api}: answered ${error}, not ${s.answer}`);
      }
      const timings = await compare([{ name: "spaces", run: run(values.spaces) }, { name: "letters", run: run(values.letters) }], settings);
      const spaces = timings.get("spaces")!;
      const letters = timings.get("letters")!;
      rows.push({ scheme: s.scheme, api, spacesNs: spaces.ns, lettersNs: letters.ns, ratio: spaces.ns / letters.ns, spread: Math.max(spaces.spread, letters.spread) });
    }
  }
  return rows;
}

const LIVE = 50_000;
const BOUND = 100_000;
const POOL = 1 << 18;

/** Distinct signatures, 64 hex digits like the real ones; `prefix` keeps pools apart. */
function signatures(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => (prefix + i.toString(16)).padStart(64, "0"));
}

export async function benchReplay(settings: Settings, log: (line: string) => void): Promise<ReplayRow[]> {
  log("  MemoryReplayStore: empty, expiring and full");
  const pool = signatures("a", POOL);
  // Empty: every signature expires before the next claim, so the store holds at most one.
  const empty = new MemoryReplayStore({ maxEntries: BOUND });
  let emptyNow = 0;
  const claimEmpty = () => {
    const t = ++emptyNow;
    if (empty.claim(pool[t % POOL]!, t, t) !== true) throw new Error("the empty store refused a claim");
  };
  // Expiring: LIVE signatures held, and at every claim the oldest one expires.
  const expiring = new MemoryReplayStore({ maxEntries: BOUND });
  let expiringNow = 0;
  const claimExpiring = () => {
    const t = ++expiringNow;
    if (expiring.claim(pool[t % POOL]!, t + LIVE - 1, t) !== true) throw new Error("the expiring store refused a claim");
  };
  for (let i = 0; i < LIVE; i++) claimExpiring();
  // Full: BOUND signatures that never expire; every new one is refused.
  const full = new MemoryReplayStore({ maxEntries: BOUND });
  for (const signature of signatures("b", BOUND)) full.claim(signature, Infinity, 0);
  let fullCount = 0;
  const claimFull = () => {
    if (full.claim(pool[++fullCount % POOL]!, NOW, 0) !== "full") throw new Error("the full store took a claim");
  };
  if (expiring.size !== LIVE || full.size !== BOUND) throw new Error(`stores hold ${expiring.size} and ${full.size}`);
  // The floor of any exact store at that size: a bare Map holding LIVE signatures, one looked up,
  // one added and the oldest deleted per claim.
  const bare = new Map<string, number>();
  let bareNow = 0;
  const claimBare = () => {
    const t = ++bareNow;
    const signature = pool[t % POOL]!;
    if (bare.has(signature)) throw new Error("the bare Map held a new signature");
    bare.set(signature, t);
    if (t > LIVE) bare.delete(pool[(t - LIVE) % POOL]!);
  };
  for (let i = 0; i < LIVE; i++) claimBare();
  const timings = await compare(
    [
      { name: "empty (holds at most 1)", run: claimEmpty },
      { name: `expiring (holds ${LIVE}, one expires per claim)`, run: claimExpiring },
      { name: `full (holds ${BOUND}, claim refused)`, run: claimFull },
      { name: `baseline: bare Map of ${LIVE}, has + set + delete`, run: claimBare },
    ],
    settings,
    4096,
  );
  const base = timings.get("empty (holds at most 1)")!.ns;
  return [...timings].map(([store, t]) => ({ store, claimNs: t.ns, ratio: t.ns / base, spread: t.spread, baseline: store.startsWith("baseline") }));
}
