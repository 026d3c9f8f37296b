// What `panelsig serve` remembers for GET /__panelsig/report: the most recent requests (a fixed
// number, oldest dropped first), each with its verdict, the signature headers it carried and what
// the receiver computed, which on a failure is exactly what the client should have signed.

import type { HeaderPair } from "@panelsig/core";

export interface ReportEntry {
  at: string;
  method: string;
  /** The path and query as the Web Request API presents them. */
  target: string;
  clientIp: string;
  valid: boolean;
  /** Reason code, HTTP status and message the real receiver answers. */
  error?: string;
  status: number;
  message?: string;
  /** The headers the signature check read, as received. */
  signatureHeaders: HeaderPair[];
  /** What the receiver computed: on a failure, what the client should have signed. */
  expected?: { canonicalRequest?: string; stringToSign?: string; stringToSignBase64?: string; signature?: string };
  /** Why it failed and what to do, in words. */
  hint?: string;
}

export class RecentRequests {
  private readonly entries: ReportEntry[] = [];

  constructor(private readonly size: number) {}

  add(entry: ReportEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.size) this.entries.shift();
  }

  /** Newest first. */
  list(): ReportEntry[] {
    return [...this.entries].reverse();
  }
}
