// An acepanel signer with the PHP example's query mistake, for the runner's tests: it signs the
// query exactly as sent (not sorted, not re-encoded the Go way); everything else it signs right.
// It signs only (verify cases are answered "unsupported") and knows no other scheme.
import { createHash, createHmac } from "node:crypto";
import { createInterface } from "node:readline";

const say = (value) => process.stdout.write(JSON.stringify(value) + "\n");
const sha256 = (data) => createHash("sha256").update(data).digest("hex");

createInterface({ input: process.stdin }).on("line", (line) => {
  const c = JSON.parse(line);
  if (c.op !== "sign" || c.scheme !== "acepanel") return say({ tcId: c.tcId, error: "unsupported", message: `only acepanel signing, not ${c.scheme} ${c.op}` });
  const target = c.request.url.replace(/^https?:\/\/[^/]*/, "");
  const [rawPath, ...rest] = target.split("?");
  const entrance = (c.options?.entrance ?? "/").replace(/\/+$/, "");
  let path;
  try {
    path = decodeURIComponent(rawPath.slice(entrance.length));
  } catch {
    return say({ tcId: c.tcId, error: "unsupported", message: "a path this signer cannot decode" });
  }
  const body = c.request.bodyBase64 !== undefined ? Buffer.from(c.request.bodyBase64, "base64") : Buffer.from(c.request.body ?? "", "utf8");
  const canonicalRequest = `${c.request.method}\n${path}\n${rest.join("?")}\n${sha256(body)}`;
  const stringToSign = `HMAC-SHA256\n${c.timestamp}\n${sha256(canonicalRequest)}`;
  const signature = createHmac("sha256", c.credentials.secret).update(stringToSign).digest("hex");
  const headers = [["X-Timestamp", c.timestamp], ["Authorization", `HMAC-SHA256 Credential=${c.credentials.keyId}, Signature=${signature}`]];
  say({ tcId: c.tcId, headers, canonicalRequest, stringToSign, signature });
});
