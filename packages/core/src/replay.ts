// The replay guard for opterius-panel. That scheme signs neither method nor path, so a captured
// call can be sent again, to any endpoint, until its timestamp leaves the window; the only
// defence a receiver has is to accept each signature once. A store remembers the signatures it
// has accepted until their timestamps expire; servers that run several processes share one
// (e.g. Redis: SET <signature> 1 NX EXAT <expiresAt>). A guard that cannot remember a signature
// refuses it: it never fails open.

import { PanelsigError } from "./errors.ts";
import type { MaybePromise } from "./provider.ts";

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
 */
export class MemoryReplayStore implements ReplayStore {
  /** Each remembered signature's expiry (the latest, when it was claimed again after expiring). */
  private readonly expiries = new Map<string, number>();
  // The queue of claims, oldest first: two parallel arrays from `head` on, compacted as they drain.
  private signatures: string[] = [];
  private expiryOrder: number[] = [];
  private head = 0;
  private readonly maxEntries: number;

  constructor(options: { maxEntries?: number } = {}) {
    const maxEntries = options.maxEntries ?? 100_000;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new PanelsigError("invalid_option", "maxEntries", `must be a whole number of signatures, at least 1, not ${String(maxEntries)}`);
    }
    this.maxEntries = maxEntries;
  }

  /** Entries held (expired ones still queued behind a live one included). */
  get size(): number {
    return this.signatures.length - this.head;
  }

  claim(signature: string, expiresAt: number, now: number): boolean | "full" {
    this.dropExpired(now);
    const known = this.expiries.get(signature);
    if (known !== undefined && known >= now) return false;
    if (this.size >= this.maxEntries) return "full";
    this.expiries.set(signature, expiresAt);
    this.signatures.push(signature);
    this.expiryOrder.push(expiresAt);
    return true;
  }

  /** Drops expired claims from the front of the queue; each claim is dropped once, so this is O(1) amortised. */
  private dropExpired(now: number): void {
    while (this.head < this.signatures.length && this.expiryOrder[this.head]! < now) {
      const signature = this.signatures[this.head]!;
      // Claimed again since (after expiring): the map holds the newer claim, which stays.
      if (this.expiries.get(signature) === this.expiryOrder[this.head]) this.expiries.delete(signature);
      this.head++;
    }
    // Cut the drained front off once it is most of the arrays: the copy is paid for by the drops.
    if (this.head >= 1024 && this.head * 2 >= this.signatures.length) {
      this.signatures = this.signatures.slice(this.head);
      this.expiryOrder = this.expiryOrder.slice(this.head);
      this.head = 0;
    }
  }
}
