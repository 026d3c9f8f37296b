// `npm test`: every check the project has, one step after another, each announced with what it
// does. A failing step does not hide the ones after it (only steps that need the build are left
// out when the build fails). The run ends with a table of the steps, one line naming the failed
// ones, and the plain closing line "tests: N passed, N failed" that counts every test of every
// runner (a step that is no test runner counts as one check).
//
//   npm test                     every step
//   npm test -- deno bun         only the named steps (and the build they need)
//   npm test -- --list           the steps and what each does
//   npm test -- browser redis    the steps that need chromium and redis-server
//   npm test -- --all            every step, those included (CI, after installing them with apt)

import { spawn } from "node:child_process";
import { delimiter } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** A step that prints nothing for this long says it is still working. */
const HEARTBEAT_MS = 20_000;

/**
 * Each step: its command, what it checks, whether it needs the packages built, and how to read
 * its counts from its output (null: one check, passed when the command exits 0).
 */
const STEPS = [
  { name: "vectors", about: "the vector corpus is what the independent generator makes, and valid", cmd: ["npm", "run", "-s", "vectors:check"], count: null },
  { name: "build", about: "every package compiles (turbo)", cmd: ["turbo", "run", "build", "--output-logs=errors-only"], count: null },
  { name: "node", about: "every package's tests under Node (vitest)", cmd: ["vitest", "run"], needsBuild: true, count: vitestCounts },
  {
    name: "deno",
    about: "the same test files under Deno",
    cmd: ["npm", "run", "-s", "test:deno", "--", "--reporter=dot"],
    needsBuild: true,
    count: denoCounts,
  },
  { name: "bun", about: "the same test files under Bun", cmd: ["npm", "run", "-s", "test:bun", "--", "--dots"], needsBuild: true, count: bunCounts },
  { name: "typecheck", about: "sources, tests and benchmarks type-check (tsc)", cmd: ["npm", "run", "-s", "typecheck"], count: null },
  {
    name: "docs",
    about: "docs/api/ is what TypeDoc makes from the sources, without a warning, every public export with a doc comment and an @example",
    cmd: ["npm", "run", "-s", "docs", "--", "--check"],
    count: null,
  },
  { name: "packages", about: "every package would publish cleanly to npm and JSR", cmd: ["tsx", "scripts/check-packages.ts"], needsBuild: true, count: null },
  { name: "conformance", about: "the whole corpus on every provider under Node, Deno and Bun", cmd: ["npm", "run", "-s", "conformance"], needsBuild: true, count: conformanceCounts },
  {
    name: "diagnosis",
    about: "the seed docs' example clients' rejected requests: at least 90 % get an exact diagnosis, none a wrong one",
    cmd: ["npm", "run", "-s", "diagnosis:goal"],
    count: null,
  },
  // Only when named (CI runs them after installing what they need from apt): not a newcomer's npm test.
  { name: "browser", about: "serve's live page in Debian's chromium (needs apt-get install chromium)", cmd: ["npm", "run", "-s", "test:browser"], optional: true, count: vitestCounts },
  { name: "redis", about: "the replay guard shared through a real redis-server (needs apt-get install redis-server)", cmd: ["npm", "run", "-s", "test:redis"], optional: true, count: vitestCounts },
];

function vitestCounts(output) {
  const line = /^\s*Tests\s+(.*)$/m.exec(stripAnsi(output))?.[1];
  if (!line) return null;
  return { passed: number(/(\d+) passed/, line), failed: number(/(\d+) failed/, line) };
}
function denoCounts(output) {
  const m = /(?:ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/.exec(stripAnsi(output));
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : null;
}
function bunCounts(output) {
  const text = stripAnsi(output);
  const passed = /^\s*(\d+) pass$/m.exec(text);
  const failed = /^\s*(\d+) fail$/m.exec(text);
  return passed && failed ? { passed: Number(passed[1]), failed: Number(failed[1]) } : null;
}
function conformanceCounts(output) {
  const m = /^conformance: (\d+) passed, (\d+) failed$/m.exec(output);
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : null;
}
const number = (re, text) => Number(re.exec(text)?.[1] ?? 0);
/** Deno's dot reporter puts each dot on a line of its own when not on a terminal: joined again here. */
const dotsOnly = (line) => /^\.+$/.test(stripAnsi(line));
const stripAnsi = (text) => text.replace(/\x1b\[[0-9;]*m/g, "");
const seconds = (ms) => (ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`);

/** Runs one command with the project's binaries first on the PATH; output goes through as it comes. */
function run(cmd, label) {
  const env = { ...process.env, PATH: `${ROOT}node_modules/.bin${delimiter}${process.env.PATH ?? ""}`, FORCE_COLOR: process.env.FORCE_COLOR ?? "0" };
  return new Promise((resolve) => {
    let output = "";
    let last = Date.now();
    const started = Date.now();
    const child = spawn(cmd[0], cmd.slice(1), { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    // Passed on line by line (so that the dots of Deno's reporter can be joined again).
    const pass = (stream) => {
      let partial = "";
      let dots = false;
      const write = (line) => {
        const dotLine = dotsOnly(line);
        stream.write(dotLine ? stripAnsi(line) : `${dots ? "\n" : ""}${line}\n`);
        dots = dotLine;
      };
      child[stream === process.stdout ? "stdout" : "stderr"].on("data", (chunk) => {
        output += chunk;
        last = Date.now();
        const lines = (partial + chunk).split("\n");
        partial = lines.pop();
        lines.forEach(write);
      });
      return () => (partial ? write(partial) : dots && stream.write("\n"));
    };
    const flushes = [pass(process.stdout), pass(process.stderr)];
    const heartbeat = setInterval(() => {
      if (Date.now() - last >= HEARTBEAT_MS) {
        process.stdout.write(`\n… ${label}: still running (${seconds(Date.now() - started)})\n`);
        last = Date.now();
      }
    }, 1000);
    const done = (code, why) => {
      clearInterval(heartbeat);
      flushes.forEach((flush) => flush());
      resolve({ code, output, why });
    };
    child.on("error", (error) => done(null, `could not start ${cmd[0]}: ${error.message}`));
    child.on("close", (code, signal) => done(code, signal ? `killed by ${signal}` : undefined));
  });
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes("--list") || args.includes("--help")) {
    for (const step of STEPS) console.log(`${step.name.padEnd(12)} ${step.about}${step.optional ? " [only when named]" : ""}`);
    return 0;
  }
  const all = args.includes("--all");
  const named = args.filter((a) => a !== "--all");
  const unknown = named.filter((a) => !STEPS.some((s) => s.name === a));
  if (unknown.length) {
    console.error(`npm test: no step named ${unknown.join(", ")} (steps: ${STEPS.map((s) => s.name).join(", ")})`);
    return 2;
  }
  const chosen = all ? STEPS : named.length ? STEPS.filter((s) => s.name === "build" || named.includes(s.name)) : STEPS.filter((s) => !s.optional);

  const results = [];
  const started = Date.now();
  let built = true;
  for (const [i, step] of chosen.entries()) {
    const head = `[${i + 1}/${chosen.length}] ${step.name}: ${step.about}`;
    console.log(`\n━━ ${head}\n`);
    if (step.needsBuild && !built) {
      results.push({ step, status: "not run", why: "the build failed", ms: 0, passed: 0, failed: 1 });
      console.log(`(not run: the build failed)`);
      continue;
    }
    const t0 = Date.now();
    const ran = await run(step.cmd, step.name);
    const ms = Date.now() - t0;
    const ok = ran.code === 0;
    const counts = step.count ? step.count(ran.output) : null;
    // A runner that exits non-zero with no failed test counted still fails: it counts as one.
    const passed = counts ? counts.passed : ok ? 1 : 0;
    const failed = counts ? Math.max(counts.failed, ok ? 0 : 1) : ok ? 0 : 1;
    if (step.name === "build") built = ok;
    results.push({ step, status: ok ? "passed" : "FAILED", why: ran.why ?? (ok ? "" : `exit code ${ran.code}`), ms, passed, failed });
    console.log(`\n━━ ${step.name}: ${ok ? "passed" : "FAILED"} in ${seconds(ms)}${counts ? ` (${counts.passed} passed, ${counts.failed} failed)` : ""}`);
  }

  console.log("\n━━ npm test: summary\n");
  for (const r of results) {
    const counts = r.step.count && r.status !== "not run" ? `${r.passed} passed, ${r.failed} failed` : "";
    console.log(`${r.status.padEnd(8)} ${r.step.name.padEnd(12)} ${seconds(r.ms).padStart(12)}  ${counts}${r.why ? `  (${r.why})` : ""}`);
  }
  const failedSteps = results.filter((r) => r.status !== "passed").map((r) => r.step.name);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(
    failedSteps.length
      ? `\nnpm test: ${failedSteps.length} of ${results.length} steps failed: ${failedSteps.join(", ")} (${seconds(Date.now() - started)})`
      : `\nnpm test: all ${results.length} steps passed (${seconds(Date.now() - started)})`,
  );
  console.log(`tests: ${passed} passed, ${failed} failed`);
  return failedSteps.length ? 1 : 0;
}

process.exitCode = await main();
