// The replay guard for opterius-panel. That scheme signs neither method nor path, so a captured
// call can be sent again, to any endpoint, until its timestamp leaves the window; the only
// defence a receiver has is to accept each signature once. A store remembers the signatures it
// has accepted until their timestamps expire; servers that run several processes share one
// (e.g. Redis: SET <signature> 1 NX EXAT <expiresAt>).

import type { MaybePromise } from "./provider.ts";

export interface ReplayStore {
  /**
   * Atomically: when `signature` is not remembered, remember it until `expiresAt` and answer
   * true; when it is, answer false. Times are Unix seconds; `now` is the verifier's clock.
   */
  claim(signature: string, expiresAt: number, now: number): MaybePromise<boolean>;
}

/**
 * A ReplayStore for one process. Bounded: expired entries are dropped as new ones arrive, and
 * past `maxEntries` the oldest are forgotten (size it above the calls you take per window).
 */
export class MemoryReplayStore implements ReplayStore {
  private readonly expiries = new Map<string, number>();
  private readonly maxEntries: number;

  constructor(options: { maxEntries?: number } = {}) {
    this.maxEntries = options.maxEntries ?? 100_000;
  }

  get size(): number {
    return this.expiries.size;
  }

  claim(signature: string, expiresAt: number, now: number): boolean {
    this.dropExpired(now);
    const known = this.expiries.get(signature);
    if (known !== undefined && known >= now) return false;
    this.expiries.delete(signature); // re-inserted last, in arrival order
    this.expiries.set(signature, expiresAt);
    while (this.expiries.size > this.maxEntries) this.expiries.delete(this.expiries.keys().next().value!);
    return true;
  }

  /** Entries arrive in roughly expiry order, so expired ones gather at the front of the map. */
  private dropExpired(now: number): void {
    for (const [signature, expiresAt] of this.expiries) {
      if (expiresAt >= now) return;
      this.expiries.delete(signature);
    }
  }
}
