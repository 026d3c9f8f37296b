import { createHash, createHmac } from "node:crypto";
import { verify } from "@panelsig/node";
const secret = "s3cr3t-token-value"; const now = 1700000000;
const b = "";
const bh = createHash("sha256").update(b).digest("hex");
const canon = `POST\n/api/x\n\n${bh}`;
const sts = `HMAC-SHA256\n${now}\n${createHash("sha256").update(canon).digest("hex")}`;
const csig = createHmac("sha256", secret).update(sts).digest("hex");
const ccase: any = { scheme: "acepanel", request: { method: "POST", url: "/api/x", headers: [["X-Timestamp", String(now)], ["Authorization", `HMAC-SHA256 Credential=5, Signature=${csig}`]], body: b }, credentials: { secret, keyId: 5 }, context: { now } };
for (let i = 0; i < 500000; i++) { const r = await verify(ccase); if (!r.valid) throw new Error("x"); }
