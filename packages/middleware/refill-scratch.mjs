import express from "express";
import { Readable } from "node:stream";
const app = express();
app.use(async (req, res, next) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = Buffer.concat(chunks);
  Readable.call(req, { read() {} });
  req.push(body); req.push(null);
  next();
});
app.use(express.json());
app.post("/x", (req, res) => res.json({ got: req.body }));
const server = app.listen(0, "127.0.0.1", async () => {
  const port = server.address().port;
  for (let i = 0; i < 2; i++) {
    const r = await fetch(`http://127.0.0.1:${port}/x`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ a: i }) });
    console.log(r.status, await r.text());
  }
  server.close();
});
