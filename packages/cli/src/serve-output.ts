// serve's log on standard output. Lines are gathered and written together FLUSH_MS after the first
// of them (or sooner, at FLUSH_AT bytes): one write for many requests rather than one each, which
// under load is a write per request saved. Each connection, after its answer, calls `ready()`: when
// the stream is full (a reader slower than the requests) the connection waits for it to drain
// before it reads its next request, so the log slows the server down instead of piling up in memory
// (at most a line per connection, or FLUSH_AT bytes, waits in `pending`). When the reader goes away
// (EPIPE, or the stream closes), `onClosed` is told once.

const FLUSH_AT = 64 * 1024;
const FLUSH_MS = 20;

export interface Output {
  /** Queues one line (a newline is added). */
  line(text: string): void;
  /** Undefined, or (when the stream is full) a promise of its draining. */
  ready(): Promise<void> | undefined;
  /** Writes the lines gathered so far now (when the server closes). */
  flush(): void;
}

export function createOutput(stream: NodeJS.WriteStream, onClosed: (why: string) => void): Output {
  let pending = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let drained: Promise<void> | undefined;
  const close = (why: string) => {
    if (closed) return;
    closed = true;
    onClosed(why);
  };
  // Runs before cli.ts's own EPIPE handler, which would otherwise exit 0.
  stream.prependListener("error", (error: NodeJS.ErrnoException) => close(error.code ?? error.message));
  stream.on("close", () => close("closed"));
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (closed || pending === "") return;
    const text = pending;
    pending = "";
    if (!stream.write(text) && !drained) {
      drained = new Promise((resolve) => {
        const done = () => {
          stream.off("drain", done);
          stream.off("close", done);
          drained = undefined;
          resolve();
        };
        stream.on("drain", done);
        stream.on("close", done);
      });
    }
  };
  return {
    line(text) {
      if (closed) return;
      pending += text + "\n";
      timer ??= setTimeout(flush, FLUSH_MS);
    },
    ready() {
      if (pending.length >= FLUSH_AT) flush();
      return drained;
    },
    flush,
  };
}
