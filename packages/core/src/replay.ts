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

/**
 * A ReplayStore for one process, holding at most `maxEntries` signatures. When it is full a new
 * signature is refused ("full"), never let through by forgetting a live one: size it above the
 * calls you accept per two windows. Every claim costs the same, full or empty: entries are
 * dropped from the front of a queue kept in claim order. An entry is held until it and every entry
 * claimed before it have expired; for signatures inside the window that is at most two windows
 * after its claim (a timestamp is at most one window ahead of the clock, and expires one window
 * after itself).
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
  // The claims in claim order, a ring of two parallel arrays: claim number n (counted from 0) sits
  // at n % capacity; those from `first` to `next` are held. The ring grows by doubling up to
  // maxEntries, the queue never being longer.
  private signatures: (string | undefined)[] = new Array<string | undefined>(16);
  private expiryOrder: number[] = new Array<number>(16).fill(0);
  private first = 0;
  private next = 0;
  /** Each remembered signature's latest claim number. */
  private readonly claims = new Map<string, number>();
  private readonly maxEntries: number;

  /** `maxEntries`: how many signatures it holds at most (default 100 000); a PanelsigError (`invalid_option`) if not a whole number ≥ 1. */
  constructor(options: { maxEntries?: number } = {}) {
    const maxEntries = options.maxEntries ?? 100_000;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new PanelsigError("invalid_option", "maxEntries", `must be a whole number of signatures, at least 1, not ${String(maxEntries)}`);
    }
    this.maxEntries = maxEntries;
  }

  /** Entries held (expired ones still queued behind a live one included). */
  get size(): number {
    return this.next - this.first;
  }

  /** See {@link ReplayStore.claim}: true the first time, false for a signature held, "full" when it cannot hold one more. */
  claim(signature: string, expiresAt: number, now: number): boolean | "full" {
    this.dropExpired(now);
    const known = this.claims.get(signature);
    if (known !== undefined && this.expiryOrder[known % this.signatures.length]! >= now) return false;
    if (this.size >= this.maxEntries) return "full";
    // Expired, but still queued behind a later expiry: its old place must not forget the new claim.
    if (known !== undefined) this.signatures[known % this.signatures.length] = undefined;
    if (this.size === this.signatures.length) this.grow();
    const slot = this.next % this.signatures.length;
    this.signatures[slot] = signature;
    this.expiryOrder[slot] = expiresAt;
    this.claims.set(signature, this.next++);
    return true;
  }

  /** Drops expired claims from the front of the queue; each claim is dropped once, so this is O(1) amortised. */
  private dropExpired(now: number): void {
    while (this.first < this.next) {
      const slot = this.first % this.signatures.length;
      if (this.expiryOrder[slot]! >= now) return;
      const signature = this.signatures[slot];
      if (signature !== undefined) this.claims.delete(signature);
      this.signatures[slot] = undefined;
      this.first++;
    }
  }

  /** Twice the room (at most maxEntries); each held claim moves to its place in the larger ring. */
  private grow(): void {
    const capacity = Math.min(this.signatures.length * 2, this.maxEntries);
    const signatures = new Array<string | undefined>(capacity);
    const expiryOrder = new Array<number>(capacity).fill(0);
    for (let n = this.first; n < this.next; n++) {
      signatures[n % capacity] = this.signatures[n % this.signatures.length];
      expiryOrder[n % capacity] = this.expiryOrder[n % this.signatures.length]!;
    }
    this.signatures = signatures;
    this.expiryOrder = expiryOrder;
  }
}
