// The bytes a client has sent on one connection and not yet been read, as a queue of the chunks the
// socket delivered (never concatenated while waiting, so a head sent one byte at a time costs no
// more than one sent at once). Reading pauses the socket once enough is buffered: a client cannot
// make the server hold more than about HIGH_WATER bytes beyond what the request in hand needs.

import type { Socket } from "node:net";

const HIGH_WATER = 256 * 1024;
const EMPTY = Buffer.alloc(0);
const CRLF_CRLF = Buffer.from("\r\n\r\n");

/** Where the search for the end of a line stopped, to go on from there when more bytes arrive. */
export interface LineScan {
  chunk: number;
  offset: number;
  count: number;
}

export function newLineScan(): LineScan {
  return { chunk: -1, offset: 0, count: 0 };
}

export class Incoming {
  private chunks: Buffer[] = [];
  /** Index in chunks of the first chunk not wholly read (an index rather than shift(): linear time). */
  private start = 0;
  /** Offset of the first unread byte in chunks[start]. */
  private offset = 0;
  private buffered = 0;
  private ended = false;
  private wake: (() => void) | undefined;

  constructor(private readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      if (this.buffered >= HIGH_WATER) socket.pause();
      this.notify();
    });
    const end = () => {
      this.ended = true;
      this.notify();
    };
    socket.on("end", end);
    socket.on("close", end);
  }

  /** Bytes waiting to be read. */
  get length(): number {
    return this.buffered;
  }

  /** Waits for more bytes; false when the client has stopped sending. */
  more(): Promise<boolean> {
    if (this.ended) return Promise.resolve(false);
    this.socket.resume();
    return new Promise((resolve) => {
      this.wake = () => resolve(this.buffered > 0 || !this.ended);
    });
  }

  /**
   * One line ending in "\n" (which, with a "\r" before it, is dropped), as a binary string (one
   * char per byte), when it is all here and at most `budget` bytes long; undefined when more bytes
   * are needed; null when it is longer than the budget.
   */
  line(budget: number, scanned: LineScan): string | undefined | null {
    if (scanned.chunk < this.start) Object.assign(scanned, { chunk: this.start, offset: this.offset, count: 0 });
    while (scanned.chunk < this.chunks.length) {
      const chunk = this.chunks[scanned.chunk]!;
      const from = scanned.offset;
      const at = chunk.indexOf(10, from);
      if (at >= 0 && scanned.count + at - from + 1 <= budget) {
        const line = this.takeText(scanned.count + at - from + 1);
        scanned.chunk = -1;
        const end = line.length - (line.length >= 2 && line.charCodeAt(line.length - 2) === 13 ? 2 : 1);
        return line.slice(0, end);
      }
      scanned.count += (at >= 0 ? at + 1 : chunk.length) - from;
      if (scanned.count > budget) return null;
      scanned.chunk++;
      scanned.offset = 0;
    }
    return undefined;
  }

  /**
   * The common case in one step: when the first unread chunk holds a whole head ending in CRLF CRLF
   * (at most `budget` bytes, first line not empty), that head's lines as `line` would give them one
   * by one, taken at once; undefined otherwise (the caller then reads line by line).
   */
  head(budget: number): string[] | undefined {
    const chunk = this.chunks[this.start];
    if (!chunk || chunk[this.offset] === 10 || chunk[this.offset] === 13) return undefined;
    const blank = chunk.indexOf(CRLF_CRLF, this.offset);
    if (blank < 0 || blank + 4 - this.offset > budget) return undefined;
    let text = chunk.toString("latin1", this.offset, blank + 2);
    // An empty line ended by a bare LF earlier (LF LF, or LF CR LF) ends the head there.
    const lf = text.indexOf("\n\n");
    const crlf = text.indexOf("\n\r\n");
    const early = lf >= 0 && (crlf < 0 || lf < crlf) ? lf : crlf;
    if (early >= 0) {
      this.consume(early + (early === lf ? 2 : 3));
      text = text.slice(0, early + 1);
    } else {
      this.consume(text.length + 2);
    }
    const lines = text.split("\n");
    lines.pop();
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
    }
    return lines;
  }

  /** Up to `max` bytes from what is buffered (none when nothing is), without copying where possible. */
  take(max: number): Buffer {
    const first = this.chunks[this.start];
    if (!first || max <= 0) return Buffer.alloc(0);
    const n = Math.min(max, first.length - this.offset);
    const out = first.subarray(this.offset, this.offset + n);
    this.consume(n);
    return out;
  }

  /** Drops what the client has sent and will send (after an answer that closes the connection). */
  discard(): void {
    this.chunks = [];
    this.start = this.offset = this.buffered = 0;
    this.socket.removeAllListeners("data");
    this.socket.on("data", () => {});
    this.socket.resume();
  }

  private takeText(n: number): string {
    const first = this.chunks[this.start]!;
    if (first.length - this.offset >= n) {
      const text = first.toString("latin1", this.offset, this.offset + n);
      this.consume(n);
      return text;
    }
    const parts: string[] = [];
    let left = n;
    while (left > 0) {
      const piece = this.take(left);
      parts.push(piece.toString("latin1"));
      left -= piece.length;
    }
    return parts.join("");
  }

  private consume(n: number): void {
    this.offset += n;
    this.buffered -= n;
    while (this.start < this.chunks.length && this.offset >= this.chunks[this.start]!.length) {
      this.offset -= this.chunks[this.start]!.length;
      this.chunks[this.start++] = EMPTY;
    }
    if (this.start === this.chunks.length) this.chunks = [];
    if (this.chunks.length === 0) this.start = 0;
    if (this.buffered < HIGH_WATER && !this.ended) this.socket.resume();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
