import { createHmac, createHash, timingSafeEqual } from "node:crypto";
import { sign, verify } from "@panelsig/node";

const secret = "s3cr3t-token-value";
const now = 1_700_000_000;
function body(n: number) { return "x".repeat(n); }
async function time(fn: () => unknown, n: number) {
  for (let i = 0; i < n / 10; i++) await fn();
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return Number(process.hrtime.bigint() - t) / n;
}
const sizes = [0, 1024, 65536, 1 << 20];
for (const size of sizes) {
  const b = body(size);
  const n = size >= 65536 ? (size > 65536 ? 200 : 2000) : 50000;
  // opterius-panel
  const ts = String(now);
  const signedBody = size === 0 ? "{}" : b;
  const sig = createHmac("sha256", secret).update(ts + signedBody).digest("hex");
  const pcase: any = { scheme: "opterius-panel", request: { method: "POST", url: "/api/x", headers: [["X-Timestamp", ts], ["X-Signature", sig]], body: size ? b : undefined }, credentials: { secret }, context: { now } };
  const handP = () => { const h = pcase.request.headers; const t = h[0][1]; const s = h[1][1]; if (Math.abs(Number(t) - now) > 300) return false; const e = createHmac("sha256", secret).update(t + (pcase.request.body ?? "{}")).digest(); return timingSafeEqual(e, Buffer.from(s, "hex")); };
  const signCaseP: any = { scheme: "opterius-panel", request: { method: "POST", url: "/api/x", body: size ? b : undefined }, credentials: { secret }, timestamp: now };
  const handSignP = () => createHmac("sha256", secret).update(ts + signedBody).digest("hex");
  // agent
  const ats = "2023-11-14T22:13:20Z";
  const asig = createHmac("sha256", secret).update(ats + "POST" + "/api/x" + b).digest("hex");
  const acase: any = { scheme: "opterius-agent", request: { method: "POST", url: "/api/x", headers: [["X-Timestamp", ats], ["X-Signature", asig]], body: b }, credentials: { secret }, context: { now } };
  const handA = () => { const e = createHmac("sha256", secret).update(ats + "POST" + "/api/x" + b).digest(); return timingSafeEqual(e, Buffer.from(asig, "hex")); };
  // acepanel
  const bh = createHash("sha256").update(b).digest("hex");
  const canon = `POST\n/api/x\n\n${bh}`;
  const sts = `HMAC-SHA256\n${now}\n${createHash("sha256").update(canon).digest("hex")}`;
  const csig = createHmac("sha256", secret).update(sts).digest("hex");
  const ccase: any = { scheme: "acepanel", request: { method: "POST", url: "/api/x", headers: [["X-Timestamp", ts], ["Authorization", `HMAC-SHA256 Credential=5, Signature=${csig}`]], body: b }, credentials: { secret, keyId: 5 }, context: { now } };
  const handC = () => { const bh = createHash("sha256").update(b).digest("hex"); const c = `POST\n/api/x\n\n${bh}`; const st = `HMAC-SHA256\n${now}\n${createHash("sha256").update(c).digest("hex")}`; const e = createHmac("sha256", secret).update(st).digest(); return timingSafeEqual(e, Buffer.from(csig, "hex")); };
  for (const [name, c] of [["panel", pcase], ["agent", acase], ["ace", ccase]] as const) { const r = await verify(c); if (!r.valid) throw new Error(name + JSON.stringify(r)); }
  const rows: string[] = [];
  for (const [name, mine, hand] of [["verify panel", () => verify(pcase), handP], ["verify agent", () => verify(acase), handA], ["verify ace", () => verify(ccase), handC], ["sign panel", () => sign(signCaseP), handSignP]] as const) {
    const ratios: number[] = []; const hs: number[] = []; const ms: number[] = [];
    const batch = Math.max(5, Math.floor(n / 25));
    for (let r = 0; r < 25; r++) { const h = await time(hand, batch); const m = await time(mine, batch); ratios.push(h / m); hs.push(h); ms.push(m); }
    const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1];
    rows.push(`${name} ${size}: ratio ${med(ratios).toFixed(2)} (hand ${(med(hs)/1000).toFixed(1)}µs, panelsig ${(med(ms)/1000).toFixed(1)}µs)`);
  }
  console.log(rows.join("\n"));
}
