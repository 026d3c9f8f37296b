import { measure } from "mitata";
import { sha256 } from "@panelsig/pure";
import { createHash } from "node:crypto";
const cpuNs = () => { const u = process.cpuUsage(); return (u.user + u.system) * 1e3; };
const d0 = new Uint8Array(0), d1 = new Uint8Array(1 << 20);
for (const [name, fn] of [["pure 0", () => sha256(d0)], ["node 0", () => createHash("sha256").update(d0).digest()], ["pure 1M", () => sha256(d1)]] as const) {
  const w = await measure(fn, { min_cpu_time: 200e6 });
  const c = await measure(fn, { min_cpu_time: 200e6, now: cpuNs });
  console.log(name, "wall p50", w.p50.toFixed(0), "cpu p50", c.p50.toFixed(0), "cpu samples", c.samples.length);
}
