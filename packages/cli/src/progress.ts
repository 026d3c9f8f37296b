// A progress line on standard error, only when it is a terminal: pipes and CI logs get nothing.

export function progressLine(label: string): { update(done: number, total: number): void; clear(): void } {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (!tty || (now - last < 100 && done < total)) return;
      last = now;
      process.stderr.write(`\r${label}: ${done}/${total} vectors`);
    },
    clear() {
      if (tty) process.stderr.write("\r\x1b[K");
    },
  };
}
