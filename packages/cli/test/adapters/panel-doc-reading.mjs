// An opterius-panel signer with a typical mistake, for the runner's tests: it follows the doc's
// reading and signs "" where the real client signs "{}" for a call without a body. It signs
// only (verify cases are answered "unsupported") and knows no other scheme.
import { createHmac } from "node:crypto";
import { createInterface } from "node:readline";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
/** The signed bytes as text, or in base64 when they are not UTF-8. */
function shown(bytes) {
  try {
    return { stringToSign: strictUtf8.decode(bytes) };
  } catch {
    return { stringToSignBase64: bytes.toString("base64") };
  }
}
const say = (value) => process.stdout.write(JSON.stringify(value) + "\n");

createInterface({ input: process.stdin }).on("line", (line) => {
  const c = JSON.parse(line);
  if (c.op !== "sign" || c.scheme !== "opterius-panel") return say({ tcId: c.tcId, error: "unsupported", message: `only opterius-panel signing, not ${c.scheme} ${c.op}` });
  const body = c.request.bodyBase64 !== undefined ? Buffer.from(c.request.bodyBase64, "base64") : Buffer.from(c.request.body ?? "", "utf8");
  const signed = Buffer.concat([Buffer.from(c.timestamp, "utf8"), body]);
  const signature = createHmac("sha256", c.credentials.secret).update(signed).digest("hex");
  const headers = [["X-Timestamp", c.timestamp], ["X-Signature", signature], ["Accept", "application/json"]];
  if (body.length > 0) headers.push(["Content-Type", "application/json"]);
  say({ tcId: c.tcId, headers, ...shown(signed), signature });
});
