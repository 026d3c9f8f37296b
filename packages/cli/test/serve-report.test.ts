// serve's report memory: the most recent requests, newest first, a fixed number of them.
import { describe, expect, it } from "vitest";
import { RecentRequests, type ReportEntry } from "../src/serve-report.ts";

const entry = (n: number): ReportEntry => ({ at: `t${n}`, method: "GET", target: `/${n}`, clientIp: "127.0.0.1:1", valid: true, status: 200, signatureHeaders: [] });
const targets = (recent: RecentRequests) => recent.list().map((e) => e.target);

describe("RecentRequests", () => {
  it("lists what it holds newest first, and once full drops the oldest for each new one", () => {
    const recent = new RecentRequests(3);
    expect(targets(recent)).toStrictEqual([]);
    recent.add(entry(1));
    recent.add(entry(2));
    expect(targets(recent)).toStrictEqual(["/2", "/1"]);
    recent.add(entry(3));
    expect(targets(recent)).toStrictEqual(["/3", "/2", "/1"]);
    recent.add(entry(4));
    expect(targets(recent)).toStrictEqual(["/4", "/3", "/2"]);
    for (const n of [5, 6, 7]) recent.add(entry(n));
    expect(targets(recent)).toStrictEqual(["/7", "/6", "/5"]);
  });
  it("keeps one when its size is one", () => {
    const recent = new RecentRequests(1);
    recent.add(entry(1));
    recent.add(entry(2));
    expect(targets(recent)).toStrictEqual(["/2"]);
  });
  it("cuts an intermediate longer than 4096 characters, saying how much was cut", () => {
    const recent = new RecentRequests(2);
    recent.add({ ...entry(1), expected: { stringToSign: "x".repeat(5000), canonicalRequest: "short" } });
    expect(recent.list()[0]!.expected).toStrictEqual({ stringToSign: `${"x".repeat(4096)}… (904 more characters)`, canonicalRequest: "short" });
  });
});
