import { createHash, createHmac } from "node:crypto";
import { createServeHandler } from "./packages/cli/src/serve-handler.ts";
import { answerCaseWith } from "@panelsig/core";
import { nodeProvider } from "./packages/node/src/index.ts";
const NOW=1700000000, SECRET="YourSecretToken";
const canonical = `GET\n/api/user/info\n\n${createHash("sha256").update("").digest("hex")}`;
const sig = createHmac("sha256", SECRET).update(`HMAC-SHA256\n${NOW}\n${createHash("sha256").update(canonical).digest("hex")}`).digest("hex");
const settings:any = { scheme: "acepanel", secret: SECRET, keyId: "16", context: { now: NOW, entrance: "/entrance", maxBodyBytes: 1<<20 }, provider: nodeProvider, allowedHosts: new Set(["127.0.0.1:1"]), showSignatures: false, reportSize: 100, onRequest: () => {} };
const h = createServeHandler(settings);
const req:any = { method: "GET", target: "/entrance/api/user/info", minor: 1, headers: [["Host","127.0.0.1:1"],["X-Timestamp", String(NOW)],["Authorization", `HMAC-SHA256 Credential=16, Signature=${sig}`]], host: "127.0.0.1:1", body: new Uint8Array(0), bodyCut: false, keepAlive: true };
for (let round=0; round<3; round++) {
 let t=performance.now(); const N=20000; for (let i=0;i<N;i++) await h(req, "127.0.0.1:5"); console.log("handler µs", ((performance.now()-t)*1000/N).toFixed(1));
 const c:any = { scheme:"acepanel", op:"verify", request:{method:"GET", url:req.target, headers:req.headers, body:req.body}, credentials:{secret:SECRET,keyId:"16"}, context:{now:NOW, entrance:"/entrance", maxBodyBytes:1<<20, clientIp:"127.0.0.1:5"}};
 t=performance.now(); for (let i=0;i<N;i++) await answerCaseWith(nodeProvider, c); console.log("answerCaseWith µs", ((performance.now()-t)*1000/N).toFixed(1));
 t=performance.now(); for (let i=0;i<N;i++) createHmac("sha256", SECRET).update("GET\n/x\n1700000000").digest("hex"); console.log("createHmac µs", ((performance.now()-t)*1000/N).toFixed(1));
}
