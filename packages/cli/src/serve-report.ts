// What `panelsig serve` remembers for GET /__panelsig/report: the most recent requests (a fixed
// number, oldest dropped first), each with its verdict, the signature headers it carried and what
// the receiver computed, which on a failure is exactly what the client should have signed. Long
// intermediates are cut, so the report stays small whatever the bodies.

import type { Diagnosis, HeaderPair } from "@panelsig/core";

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
  /** A signature mismatch: the client's known mistake that reproduces its signature, and what it signed. */
  diagnosis?: Diagnosis;
}

/** Characters of one intermediate the report keeps: a string to sign holds the whole body. */
const KEPT_CHARACTERS = 4096;

function clip(text: string): string {
  return text.length <= KEPT_CHARACTERS ? text : `${text.slice(0, KEPT_CHARACTERS)}… (${text.length - KEPT_CHARACTERS} more characters)`;
}

export class RecentRequests {
  private readonly entries: ReportEntry[] = [];

  constructor(private readonly size: number) {}

  add(entry: ReportEntry): void {
    if (entry.expected) entry.expected = Object.fromEntries(Object.entries(entry.expected).map(([k, v]) => [k, clip(v)]));
    if (entry.diagnosis) entry.diagnosis = Object.fromEntries(Object.entries(entry.diagnosis).map(([k, v]) => [k, clip(v)])) as unknown as Diagnosis;
    this.entries.push(entry);
    if (this.entries.length > this.size) this.entries.shift();
  }

  /** Newest first. */
  list(): ReportEntry[] {
    return [...this.entries].reverse();
  }
}
