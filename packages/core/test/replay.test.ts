// The in-memory replay store: a signature is accepted once until its expiry (inclusive), then
// forgotten; when full it refuses new signatures ("full") and never forgets a live one to make
// room (that would let a replay through); the verifier answers "full" with replay_store_full (503).
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryReplayStore, PanelsigError, verifyRequestWith, type ReplayStore } from "@panelsig/core";
import { oracleProvider } from "./oracle.ts";

describe("MemoryReplayStore", () => {
  it("accepts a signature once", () => {
    const store = new MemoryReplayStore();
    expect(store.claim("a", 1300, 1000)).toBe(true);
    expect(store.claim("a", 1300, 1001)).toBe(false);
    expect(store.claim("b", 1300, 1001)).toBe(true);
  });
  it("still refuses it at its expiry, accepts it after", () => {
    const store = new MemoryReplayStore();
    store.claim("a", 1300, 1000);
    expect(store.claim("a", 1300, 1300)).toBe(false);
    expect(store.claim("a", 1600, 1301)).toBe(true);
  });
  it("drops expired entries as new ones arrive", () => {
    const store = new MemoryReplayStore();
    for (let i = 0; i < 10; i++) store.claim(`s${i}`, 1000 + i, 900);
    store.claim("late", 2000, 1005);
    expect(store.size).toBe(6); // s0..s4 expired before 1005; s5..s9 (1005..1009) and "late" remain
  });
  it("full: a new signature is refused, every live one stays remembered", () => {
    const store = new MemoryReplayStore({ maxEntries: 3 });
    for (const s of ["a", "b", "c"]) expect(store.claim(s, 2000, 1000)).toBe(true);
    expect(store.claim("d", 2000, 1000)).toBe("full");
    expect(store.claim("d", 2000, 1999)).toBe("full");
    for (const s of ["a", "b", "c"]) expect(store.claim(s, 2000, 2000)).toBe(false); // a replay is still a replay
    expect(store.size).toBe(3);
  });
  it("room again once entries expire", () => {
    const store = new MemoryReplayStore({ maxEntries: 2 });
    store.claim("a", 1100, 1000);
    store.claim("b", 1200, 1000);
    expect(store.claim("c", 1300, 1100)).toBe("full"); // a expires at 1100 inclusive
    expect(store.claim("c", 1300, 1101)).toBe(true);
    expect(store.claim("a", 1400, 1101)).toBe("full");
    expect(store.claim("a", 1400, 1201)).toBe(true);
  });
  it("an entry queued behind a later expiry counts as held until that one expires", () => {
    const store = new MemoryReplayStore({ maxEntries: 3 });
    store.claim("ahead", 1600, 1000); // a client clock ahead: expires late
    store.claim("a", 1100, 1000);
    expect(store.claim("a", 1300, 1200)).toBe(true); // expired, so claimable again; its old entry is still queued
    expect(store.size).toBe(3); // the old entry of "a" is held behind "ahead", and the bound counts it
    expect(store.claim("b", 1300, 1200)).toBe("full");
    expect(store.claim("b", 1700, 1601)).toBe(true); // "ahead" and both entries of "a" are gone
    expect(store.size).toBe(1);
  });
  it("an old entry of a signature claimed again does not take the new claim with it", () => {
    const store = new MemoryReplayStore();
    store.claim("first", 1250, 1000);
    store.claim("a", 1100, 1000);
    expect(store.claim("a", 1500, 1200)).toBe(true); // queue: first(1250), a(1100), a(1500)
    expect(store.claim("other", 1600, 1300)).toBe(true); // drops first and a(1100)
    expect(store.claim("a", 1500, 1300)).toBe(false); // the claim of 1200 still holds
  });
  it("a full store refusing an expired signature still forgets it on time", () => {
    const store = new MemoryReplayStore({ maxEntries: 2 });
    store.claim("ahead", 1600, 1000);
    store.claim("a", 1100, 1000);
    expect(store.claim("a", 1300, 1200)).toBe("full"); // expired, but no room: the old entry stays as it was
    expect(store.claim("x", 1700, 1601)).toBe(true); // "ahead" and "a" dropped
    expect(store.claim("a", 1700, 1601)).toBe(true);
    expect(store.claim("a", 1700, 1602)).toBe(false);
    expect(store.size).toBe(2);
  });
  it("keeps exact answers across many expiries and growth of its ring", () => {
    const store = new MemoryReplayStore({ maxEntries: 100 });
    for (let t = 0; t < 5000; t++) {
      expect(store.claim(`s${t}`, t + 99, t)).toBe(true);
      if (t >= 1) expect(store.claim(`s${t - 1}`, t + 98, t)).toBe(false);
    }
    expect(store.size).toBe(100);
    expect(store.claim("new", 5100, 4999)).toBe("full");
  });
  it("grows its ring while the queue wraps around, every held signature kept", () => {
    const store = new MemoryReplayStore({ maxEntries: 1000 });
    for (let i = 0; i < 10; i++) expect(store.claim(`early${i}`, 1010, 1000)).toBe(true);
    for (let i = 0; i < 40; i++) expect(store.claim(`late${i}`, 5000, 1011)).toBe(true); // the early ones drop first: the queue starts mid-ring
    expect(store.size).toBe(40);
    for (let i = 0; i < 40; i++) expect(store.claim(`late${i}`, 5000, 4000)).toBe(false);
    for (let i = 0; i < 10; i++) expect(store.claim(`early${i}`, 5000, 4000)).toBe(true);
    expect(store.size).toBe(50);
  });
  it("an entry expiring exactly now is still held: a full store stays full until the second after", () => {
    const store = new MemoryReplayStore({ maxEntries: 3 });
    for (const s of ["a", "b", "c"]) expect(store.claim(s, 1300, 1000)).toBe(true);
    expect(store.claim("d", 1400, 1300)).toBe("full"); // all three expire at 1300, inclusive
    expect(store.size).toBe(3);
    expect(store.claim("d", 1400, 1301)).toBe(true); // all three leave at once
    expect(store.size).toBe(1);
    expect(store.claim("a", 1400, 1301)).toBe(true); // forgotten, so new again
    expect(store.claim("b", 1400, 1301)).toBe(true);
    expect(store.claim("c", 1400, 1301)).toBe("full"); // d, a and b fill it
  });
  it("wraps around its ring: each claim of a store of 3 answered as claim order says", () => {
    // Claim k (k = 0, 1, …) is s<k> at now = 1000 + k, expiring at now + 2: at claim k the claims
    // k-2 and k-1 are held (k-3 expired at 999 + k), so 3 entries are never exceeded and the ring
    // of 3 slots is reused from the start every 3 claims.
    const store = new MemoryReplayStore({ maxEntries: 3 });
    for (let k = 0; k < 12; k++) {
      const now = 1000 + k;
      expect(store.claim(`s${k}`, now + 2, now)).toBe(true);
      expect(store.size).toBe(Math.min(k + 1, 3));
      if (k >= 2) expect(store.claim(`s${k - 2}`, now + 2, now)).toBe(false); // expires at now: still held
      if (k >= 3) expect(store.claim(`s${k - 3}`, now + 2, now)).toBe("full"); // expired, but 3 are held
    }
  });
  it("never expires an entry whose expiry is Infinity", () => {
    const store = new MemoryReplayStore({ maxEntries: 2 });
    expect(store.claim("forever", Infinity, 0)).toBe(true);
    expect(store.claim("forever", Infinity, Number.MAX_SAFE_INTEGER)).toBe(false);
    expect(store.claim("a", 10, Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(store.claim("b", 10, Number.MAX_SAFE_INTEGER)).toBe("full");
  });
  it("answers as the queue it documents, for any sequence of claims (collisions in a small table included)", () => {
    // The documented behaviour written out plainly: claims held in claim order; at each claim the
    // expired ones (expiry < now) leave from the front until one that has not expired.
    function modelClaim(queue: { signature?: string; expiresAt: number }[], max: number, signature: string, expiresAt: number, now: number) {
      while (queue.length > 0 && queue[0]!.expiresAt < now) queue.shift();
      const held = queue.find((e) => e.signature === signature);
      if (held && held.expiresAt >= now) return false;
      if (queue.length >= max) return "full";
      if (held) held.signature = undefined;
      queue.push({ signature, expiresAt });
      return true;
    }
    const claim = fc.record({ signature: fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h", "0".repeat(64), "1".repeat(64)), life: fc.nat(6), tick: fc.nat(3) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(claim, { maxLength: 200 }), (max, claims) => {
        const store = new MemoryReplayStore({ maxEntries: max });
        const queue: { signature?: string; expiresAt: number }[] = [];
        let now = 1000;
        for (const c of claims) {
          now += c.tick;
          expect(store.claim(c.signature, now + c.life, now)).toBe(modelClaim(queue, max, c.signature, now + c.life, now));
          expect(store.size).toBe(queue.length);
        }
      }),
      { numRuns: 500 },
    );
  });
  it("maxEntries must be a whole number from 1 to 2^24 (the store is allocated whole)", () => {
    for (const maxEntries of [0, -1, 1.5, Number.NaN, Infinity, 2 ** 24 + 1]) {
      expect(() => new MemoryReplayStore({ maxEntries })).toThrow(PanelsigError);
    }
    expect(new MemoryReplayStore({ maxEntries: 1 }).claim("a", 2, 1)).toBe(true);
  });
});

describe("the verifier and a store's answers", () => {
  const secret = "eyJ-test";
  const NOW = 1700000000;
  const signed = (body: string) =>
    new Request("http://p/api/accounts", {
      method: "POST",
      headers: { "X-Timestamp": String(NOW), "X-Signature": createHmac("sha256", secret).update(String(NOW) + body).digest("hex") },
      body,
    });
  const verifyWith = (replayStore: ReplayStore, body: string) => verifyRequestWith(oracleProvider, signed(body), { scheme: "opterius-panel", secret, now: () => NOW, replayStore });
  it("full: a new signature is replay_store_full (503), a used one still replayed (401)", async () => {
    const store = new MemoryReplayStore({ maxEntries: 1 });
    expect((await verifyWith(store, "{}")).valid).toBe(true);
    expect(await verifyWith(store, '{"id":2}')).toMatchObject({
      valid: false,
      error: "replay_store_full",
      status: 503,
      message: "replay store full, try again later",
      rejection: { status: 503, headers: { "Content-Type": "application/json" }, body: '{"error":"replay store full, try again later"}' },
    });
    expect(await verifyWith(store, "{}")).toMatchObject({ valid: false, error: "replayed", status: 401 });
  });
  it("a store answering anything but true, false or \"full\" is a programmer error", async () => {
    const broken = { claim: () => "OK" } as unknown as ReplayStore;
    const error = await verifyWith(broken, "{}").then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_option", field: "options.replayStore", message: 'options.replayStore: claim() answered OK; it must answer true, false or "full"' });
  });
  it("an asynchronous store (as Redis is) answers the same", async () => {
    const memory = new MemoryReplayStore({ maxEntries: 1 });
    const remote: ReplayStore = { claim: async (s, e, n) => memory.claim(s, e, n) };
    expect((await verifyWith(remote, "{}")).valid).toBe(true);
    expect((await verifyWith(remote, "{}")).error).toBe("replayed");
    expect((await verifyWith(remote, "[]")).error).toBe("replay_store_full");
  });
});
