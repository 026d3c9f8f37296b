// The in-memory replay store: a signature is accepted once until its expiry (inclusive), then
// forgotten; the store stays within its size bound.
import { describe, expect, it } from "vitest";
import { MemoryReplayStore } from "@panelsig/core";

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
  it("forgets the oldest entries past maxEntries", () => {
    const store = new MemoryReplayStore({ maxEntries: 3 });
    for (const s of ["a", "b", "c", "d"]) store.claim(s, 2000, 1000);
    expect(store.size).toBe(3);
    expect(store.claim("a", 2000, 1000)).toBe(true);
    expect(store.claim("d", 2000, 1000)).toBe(false);
  });
});
