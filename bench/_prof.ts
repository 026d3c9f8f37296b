import { sign } from "@panelsig/node";
import { REQUESTS } from "./cases.ts";
const which = process.argv[2] ?? "opterius-agent";
const c = REQUESTS.find((r) => r.scheme === which)!.case;
const t0 = performance.now();
let n = 0;
while (performance.now() - t0 < 4000) { for (let i = 0; i < 1000; i++) await sign(c); n += 1000; }
console.log(which, ((performance.now() - t0) * 1e3 / n).toFixed(2), "µs/sign");
