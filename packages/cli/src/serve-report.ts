// What `panelsig serve` remembers for GET /__panelsig/report: the most recent requests (a fixed
// number, oldest dropped first), each with its verdict, the signature headers it carried and what
// the receiver computed, which on a failure is exactly what the client should have signed. Long
// intermediates are cut, so the report stays small whatever the bodies.

import type { Diagnosis, HeaderPair } from "@panelsig/core";

export interface ReportEntry {
  at: string;
  method: string;
  /** The request-target exactly as sent (its bytes read as UTF-8). */
  target: string;
  clientIp: string;
  valid: boolean;
  /** Reason code, HTTP status and message the real receiver answers (status 0: it closes the connection). */
  error?: string;
  status: number;
  message?: string;
  /** The headers the signature check read, as received. */
  signatureHeaders: HeaderPair[];
  /**
   * What the receiver computed: on a failure, what the client should have signed. The signature,
   * derived from the secret, only with --show-signatures.
   */
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
  /** A ring of `size` places: the next entry goes to `next`, over the oldest once it is full. */
  private readonly entries: ReportEntry[] = [];
  private next = 0;

  constructor(private readonly size: number) {}

  add(entry: ReportEntry): void {
    const e = entry.expected as Record<string, string> | undefined;
    if (e) for (const key in e) if (e[key]!.length > KEPT_CHARACTERS) e[key] = clip(e[key]!);
    const d = entry.diagnosis as unknown as Record<string, unknown> | undefined;
    if (d) for (const key in d) if (typeof d[key] === "string" && (d[key] as string).length > KEPT_CHARACTERS) d[key] = clip(d[key] as string);
    this.entries[this.next] = entry;
    this.next = this.next + 1 === this.size ? 0 : this.next + 1;
  }

  /** Newest first. */
  list(): ReportEntry[] {
    const newest = this.next === 0 ? this.entries.length : this.next;
    return [...this.entries.slice(0, newest).reverse(), ...this.entries.slice(newest).reverse()];
  }
}
