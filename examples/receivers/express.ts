// A stand-in for the Opterius Agent: an Express 5 receiver for opterius-agent requests.
//   AGENT_SECRET=... npx tsx examples/receivers/express.ts        (PORT, default 7443)
// Every request is verified before express.json() reads its body; a rejected one gets the
// receiver's own answer (401 {"error":"invalid signature"}, 413, ...), never reaching a route.
import express from "express";
import { panelsig } from "@panelsig/middleware/express";

const secret = process.env.AGENT_SECRET;
if (!secret) {
  console.error("express receiver: set AGENT_SECRET to the agent's shared secret");
  process.exit(2);
}

const app = express();
app.use(panelsig({ scheme: "opterius-agent", secret }));
app.use(express.json());

app.post("/account/create", (req, res) => {
  const { username, domain } = req.body as { username?: string; domain?: string };
  res.json({ created: { username, domain } });
});
app.get("/status", (_req, res) => void res.json({ status: "ok" }));

const server = app.listen(Number(process.env.PORT ?? 7443), "127.0.0.1", () => {
  console.log(`express receiver: listening on http://127.0.0.1:${(server.address() as { port: number }).port}`);
});
