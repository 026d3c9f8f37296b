// The replay guard for opterius-panel. That scheme signs neither method nor path, so a captured
// call can be sent again, to any endpoint, until its timestamp leaves the window; the only
// defence a receiver has is to accept each signature once. A store remembers the signatures it
// has accepted until their timestamps expire; servers that run several processes share one
// (e.g. Redis: SET <signature> 1 NX EXAT <expiresAt>). A guard that cannot remember a signature
// refuses it: it never fails open.

import { PanelsigError } from "./errors.ts";
import type { MaybePromise } from "./provider.ts";

/**
 * Where a verifier remembers the opterius-panel signatures it accepted, to refuse each one the
 * second time: {@link MemoryReplayStore} for one process, `@panelsig/replay-redis` for many.
 *
 * @example
 * ```ts
 * // A store on a key-value service with an atomic "set if absent, with expiry":
 * const store: ReplayStore = {
 *   async claim(signature, expiresAt, now) {
 *     return await kv.setIfAbsent(`replay:${signature}`, "1", { ttlSeconds: Math.max(1, Math.ceil(expiresAt - now)) });
 *   },
 * };
 * ```
 */
export interface ReplayStore {
  /**
   * Atomically: when `signature` is not remembered, remember it until `expiresAt` and answer
   * true; when it is, answer false; when it cannot be remembered now (the store is full), answer
   * "full" — the request is then refused (replay_store_full, 503). Times are Unix seconds; `now`
   * is the verifier's clock.
   */
  claim(signature: string, expiresAt: number, now: number): MaybePromise<boolean | "full">;
}

/** What the verifier answers for a store's answer; undefined = claimed. Anything else is a broken store. */
export function claimOutcome(answer: unknown): "replayed" | "replay_store_full" | undefined {
  if (answer === true) return undefined;
  if (answer === false) return "replayed";
  if (answer === "full") return "replay_store_full";
  throw new PanelsigError("invalid_option", "options.replayStore", `claim() answered ${String(answer)}; it must answer true, false or "full"`);
}

/** The largest maxEntries: the store is allocated whole when made (at most 52 bytes per entry). */
const MAX_REPLAY_ENTRIES = 1 << 24;

/**
 * A ReplayStore for one process, holding at most `maxEntries` signatures. When it is full a new
 * signature is refused ("full"), never let through by forgetting a live one: size it above the
 * calls you accept per two windows. An entry is held until it and every entry claimed before it
 * have expired; for signatures inside the window that is at most two windows after its claim (a
 * timestamp is at most one window ahead of the clock, and expires one window after itself).
 *
 * Every claim does the same work whether the store is empty, full or has entries expiring: all its
 * memory is allocated when it is made (no growth, no rehash), a signature is found in an
 * open-addressing table of fixed size (linear probing, at most half full), and expired entries
 * leave from the front of a fixed ring kept in claim order, each once.
 *
 * @example
 * ```ts
 * import { MemoryReplayStore } from "@panelsig/core";
 * import { verifyNodeRequest } from "@panelsig/node";
 *
 * const replayStore = new MemoryReplayStore({ maxEntries: 50_000 });
 * const r = await verifyNodeRequest(req, { scheme: "opterius-panel", secret: process.env.PANEL_API_TOKEN!, replayStore });
 * // the same request sent again inside the window: r.error === "replayed"
 * ```
 */
export class MemoryReplayStore implements ReplayStore {
  private readonly maxEntries: number;
  // The ring: the held claims in claim order, `count` of them from ring index `head` (wrapping
  // around). Each slot holds a signature (undefined once a later claim of it took over), its
  // expiry and its hash.
  private readonly signatures: (string | undefined)[];
  private readonly expiries: Float64Array;
  private readonly hashes: Int32Array;
  private head = 0;
  private count = 0;
  // The table: place i is table[2i] (the signature's hash) and table[2i + 1] (1 + the ring index of
  // its latest claim; 0 = empty), side by side so that a probe reads one cache line. Its places are
  // a power of two at least twice maxEntries, so probe sequences stay short.
  private readonly table: Int32Array;
  private readonly mask: number;

  /** `maxEntries`: how many signatures it holds at most (default 100 000); a PanelsigError (`invalid_option`) if not a whole number from 1 to 2^24. */
  constructor(options: { maxEntries?: number } = {}) {
    const maxEntries = options.maxEntries ?? 100_000;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1 || maxEntries > MAX_REPLAY_ENTRIES) {
      throw new PanelsigError("invalid_option", "maxEntries", `must be a whole number of signatures from 1 to ${MAX_REPLAY_ENTRIES}, not ${String(maxEntries)}`);
    }
    this.maxEntries = maxEntries;
    this.signatures = new Array<string | undefined>(maxEntries).fill(undefined);
    this.expiries = new Float64Array(maxEntries);
    this.hashes = new Int32Array(maxEntries);
    let places = 2;
    while (places < 2 * maxEntries) places *= 2;
    this.table = new Int32Array(2 * places);
    this.mask = places - 1;
  }

  /** Entries held (expired ones still queued behind a live one included). */
  get size(): number {
    return this.count;
  }

  /** See {@link ReplayStore.claim}: true the first time, false for a signature held, "full" when it cannot hold one more. */
  claim(signature: string, expiresAt: number, now: number): boolean | "full" {
    this.dropExpired(now);
    const { table, mask } = this;
    const hash = hashOf(signature);
    // The signature's place in the table, or the empty place where it would go.
    let at = hash & mask;
    let known = -1;
    for (let entry = table[2 * at + 1]!; entry !== 0; at = (at + 1) & mask, entry = table[2 * at + 1]!) {
      if (table[2 * at] === hash && this.signatures[entry - 1] === signature) {
        known = entry - 1;
        break;
      }
    }
    if (known >= 0 && this.expiries[known]! >= now) return false;
    if (this.count >= this.maxEntries) return "full";
    // Expired, but still queued behind a later expiry: its old place must not forget the new claim.
    if (known >= 0) this.signatures[known] = undefined;
    const slot = this.ringIndex(this.count++);
    this.signatures[slot] = signature;
    this.expiries[slot] = expiresAt;
    this.hashes[slot] = hash;
    table[2 * at] = hash;
    table[2 * at + 1] = slot + 1;
    return true;
  }

  /** Drops expired claims from the front of the ring; each claim is dropped once, so this is O(1) amortised. */
  private dropExpired(now: number): void {
    while (this.count > 0 && this.expiries[this.head]! < now) {
      if (this.signatures[this.head] !== undefined) {
        this.forget(this.head);
        this.signatures[this.head] = undefined;
      }
      this.head = this.ringIndex(1);
      this.count--;
    }
  }

  /** Removes the table's entry for ring slot `slot`, moving later entries of its probe run back (no tombstones). */
  private forget(slot: number): void {
    const { table, mask } = this;
    let hole = this.hashes[slot]! & mask;
    while (table[2 * hole + 1] !== slot + 1) hole = (hole + 1) & mask;
    for (let at = (hole + 1) & mask; table[2 * at + 1] !== 0; at = (at + 1) & mask) {
      // An entry may fill the hole when the hole lies between its home and where it sits.
      const home = table[2 * at]! & mask;
      if (((at - home) & mask) >= ((at - hole) & mask)) {
        table[2 * hole] = table[2 * at]!;
        table[2 * hole + 1] = table[2 * at + 1]!;
        hole = at;
      }
    }
    table[2 * hole + 1] = 0;
  }

  /** The ring index `offset` places after the head. */
  private ringIndex(offset: number): number {
    const index = this.head + offset;
    return index >= this.maxEntries ? index - this.maxEntries : index;
  }
}

/** FNV-1a over the UTF-16 code units, then Murmur3's finaliser so that every bit of the table index mixes. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
