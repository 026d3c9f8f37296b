// Loaded before a docs example that listens with node:http: whatever port it names, it listens on
// an ephemeral port of 127.0.0.1 (tests never take a fixed port or leave loopback) and says which.
import { Server } from "node:http";

const listen = Server.prototype.listen;
Server.prototype.listen = function (this: Server) {
  this.once("listening", () => console.log(`listening on ${(this.address() as { port: number }).port}`));
  return listen.call(this, 0, "127.0.0.1");
} as typeof listen;
