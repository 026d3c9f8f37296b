// A deliberately broken adapter for the runner's tests. Its first argument says how it breaks:
//   crash-after N      answers N cases (unsupported), then writes to stderr and exits 3
//   hang               reads everything, answers nothing
//   garbage            answers the first case with a line that is not JSON
//   no-tcid            answers the first case with JSON that has no tcId
//   out-of-order       answers every case with the tcId of the next one
//   unsupported        answers every case "unsupported", then exits with code $2 (default 0)
//   linger             answers every case "unsupported", then never exits
import { createInterface } from "node:readline";

const [mode, arg] = process.argv.slice(2);
let answered = 0;
const say = (value) => process.stdout.write(JSON.stringify(value) + "\n");
const unsupported = (c) => say({ tcId: c.tcId, error: "unsupported", message: "this adapter implements nothing" });

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const c = JSON.parse(line);
  if (mode === "crash-after") {
    if (answered === Number(arg)) {
      process.stderr.write(`about to fail on tcId ${c.tcId}\nError: boom\n`);
      process.exit(3);
    }
    answered++;
    return unsupported(c);
  }
  if (mode === "hang") return;
  if (mode === "garbage") return process.stdout.write("Hello from the adapter!\n");
  if (mode === "no-tcid") return say({ headers: [], signature: "00" });
  if (mode === "out-of-order") return say({ tcId: c.tcId + 1, error: "unsupported" });
  return unsupported(c);
});
lines.on("close", () => {
  if (mode === "linger") setInterval(() => {}, 1000);
  else if (mode !== "hang") process.exit(Number(arg ?? 0));
});
