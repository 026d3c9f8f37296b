import { createHmac, createSecretKey } from "node:crypto";
const s = "s3cr3t-token-value"; const u = new TextEncoder().encode(s); const b = Buffer.from(s); const ko = createSecretKey(b);
function t(name, fn) { for (let i=0;i<1e5;i++) fn(); const t0=process.hrtime.bigint(); for (let i=0;i<5e5;i++) fn(); console.log(name, Number(process.hrtime.bigint()-t0)/5e5|0, "ns"); }
for (let r=0;r<2;r++){
t("string key", () => createHmac("sha256", s).update("1700000000{}").digest("hex"));
t("uint8 key", () => createHmac("sha256", u).update("1700000000{}").digest("hex"));
t("buffer key", () => createHmac("sha256", b).update("1700000000{}").digest("hex"));
t("keyobject", () => createHmac("sha256", ko).update("1700000000{}").digest("hex"));
t("uint8 key, digest buffer", () => createHmac("sha256", u).update("1700000000{}").digest());
}
