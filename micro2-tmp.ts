import { createHash, createHmac } from "node:crypto";
import { answerCaseWith } from "@panelsig/core";
import { nodeProvider } from "./packages/node/src/index.ts";
const NOW=1700000000, SECRET="YourSecretToken";
const canonical = `GET\n/api/user/info\n\n${createHash("sha256").update("").digest("hex")}`;
const sig = createHmac("sha256", SECRET).update(`HMAC-SHA256\n${NOW}\n${createHash("sha256").update(canonical).digest("hex")}`).digest("hex");
const c:any = { scheme:"acepanel", op:"verify", request:{method:"GET", url:"/entrance/api/user/info", headers:[["Host","127.0.0.1:1"],["X-Timestamp", String(NOW)],["Authorization", `HMAC-SHA256 Credential=16, Signature=${sig}`]], body:new Uint8Array(0)}, credentials:{secret:SECRET,keyId:"16"}, context:{now:NOW, entrance:"/entrance", maxBodyBytes:1<<20, clientIp:"127.0.0.1:5"}};
const N=100000; let t=performance.now(); for (let i=0;i<N;i++) await answerCaseWith(nodeProvider, c); console.log("answerCaseWith µs", ((performance.now()-t)*1000/N).toFixed(1));
console.log(await answerCaseWith(nodeProvider, c));
