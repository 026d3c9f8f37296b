// The baseline of the serve benchmark: a bare node:http server doing one createHmac per request
// (what the least a signature-checking server must do), answering a small JSON body. It prints
// its port and runs until killed.
import { createHmac } from "node:crypto";
import { createServer } from "node:http";

const secret = process.argv[2] ?? "YourSecretToken";
const server = createServer((req, res) => {
  const signature = createHmac("sha256", secret).update(`${req.method}\n${req.url}\n${req.headers["x-timestamp"]}`).digest("hex");
  res.writeHead(200, { "Content-Type": "application/json" }).end(`{"signature":"${signature}"}`);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(`bare on http://127.0.0.1:${server.address().port}`));
