import { createHmac } from "node:crypto";
import { verify } from "@panelsig/node";
const secret = "s3cr3t-token-value"; const now = 1700000000;
const b = "";
const ats = "2023-11-14T22:13:20Z";
const asig = createHmac("sha256", secret).update(ats + "POST" + "/api/x" + b).digest("hex");
const acase: any = { scheme: "opterius-agent", request: { method: "POST", url: "/api/x", headers: [["X-Timestamp", ats], ["X-Signature", asig]], body: b }, credentials: { secret }, context: { now } };
for (let i = 0; i < 1500000; i++) { await verify(acase); }
