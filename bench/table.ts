// Plain-text tables and the units the benchmark prints in.

/** Columns padded to their widest cell; the first column left-aligned, the rest right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function duration(ns: number): string {
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(2)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(2)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

/** MiB/s for `bytes` done in `ns`. */
export function throughput(bytes: number, ns: number): string {
  return `${((bytes / ns) * 1e9 / 2 ** 20).toFixed(0)} MiB/s`;
}

export function size(bytes: number): string {
  if (bytes >= 2 ** 30) return `${bytes / 2 ** 30} GiB`;
  if (bytes >= 2 ** 20) return `${bytes / 2 ** 20} MiB`;
  if (bytes >= 2 ** 10) return `${bytes / 2 ** 10} KiB`;
  return `${bytes} B`;
}

export function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}

/** "ok" or how far below the target `value` is, in percent of the target. */
export function verdict(value: number, target: number | null): string {
  if (target === null) return "";
  const wanted = `target ≥ ${ratio(target)}`;
  return value >= target ? `ok (${wanted})` : `MISSED by ${((1 - value / target) * 100).toFixed(1)}% (${wanted})`;
}

/** The target as a floor ("≥ 0.70×"), or empty where none is set. */
export function floor(target: number | null): string {
  return target === null ? "" : `≥ ${ratio(target)}`;
}

/** PASS, or MISS and by how much of the target; empty where no target is set. */
export function passMiss(value: number, target: number | null): string {
  if (target === null) return "";
  return value >= target ? "PASS" : `MISS by ${((1 - value / target) * 100).toFixed(0)}%`;
}
