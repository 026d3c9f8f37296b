import { sign } from "@panelsig/node";
const c: any = { scheme: "opterius-panel", request: { method: "POST", url: "/api/x" }, credentials: { secret: "s3cr3t-token-value" }, timestamp: 1700000000 };
for (let i = 0; i < 1500000; i++) await sign(c);
