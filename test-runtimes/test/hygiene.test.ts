// The tests' own rules, checked on every test file: no focused or skipped test, no clock read to
// time something (speed is `npm run bench`'s job), and no sleep to let something happen (a test
// waits for the event itself). Each rule is first shown to catch the pattern that once made
// `npm test` flaky, so a rule that matches nothing cannot pass for a clean tree.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A timer in a test is allowed only as a marked fail-safe (it ends a wait that would hang), never as a wait. */
const FAIL_SAFE = /fail-safe/;
const RULES: { name: string; pattern: RegExp; allowed?: (line: string, previous: string) => boolean }[] = [
  { name: "a focused or skipped test", pattern: /\b(?:it|test|describe)\.(?:only|skip|todo|skipIf|runIf)\b|\bx(?:it|describe)\(/ },
  { name: "a clock read for a duration (speed belongs in npm run bench)", pattern: /\bperformance\.now\(|\bhrtime\b/ },
  { name: "a timer (wait for the event, not for time)", pattern: /\bset(?:Timeout|Interval)\(/, allowed: (line, previous) => FAIL_SAFE.test(line) || FAIL_SAFE.test(previous) },
];

/** The rule violations in one file's text: "line N: <rule>: <code>". */
export function hygieneProblems(text: string): string[] {
  const lines = text.split("\n");
  const problems: string[] = [];
  lines.forEach((line, i) => {
    for (const rule of RULES) {
      if (rule.pattern.test(line) && !rule.allowed?.(line, lines[i - 1] ?? "")) problems.push(`line ${i + 1}: ${rule.name}: ${line.trim()}`);
    }
  });
  return problems;
}

/** Every TypeScript file under the test folders of the packages and of test-runtimes. */
function testFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules") walk(path);
      else if (entry.isFile() && entry.name.endsWith(".ts")) files.push(path);
    }
  };
  for (const pkg of readdirSync(join(ROOT, "packages"))) {
    for (const folder of readdirSync(join(ROOT, "packages", pkg)).filter((name) => name.startsWith("test"))) walk(join(ROOT, "packages", pkg, folder));
  }
  walk(join(ROOT, "test-runtimes", "test"));
  return files;
}

describe("test hygiene", () => {
  it("catches the patterns that once made npm test flaky", () => {
    // packages/cli/test/jsonl.test.ts asserted a wall-clock bound on the corpus stream.
    // (Built from pieces, like the skipped tests below, so that this file does not hold what it forbids.)
    const clock = ["perfor", "mance.now()"].join("");
    expect(hygieneProblems(`started = ${clock};\nexpect(${clock} - started).toBeLess${"Than"}(1000);`).length).toBe(2);
    // packages/cli/test/serve.test.ts slept 50 ms and hoped the server had logged the hang-up.
    expect(hygieneProblems("socket.write(bytes, () => setTimeout(() => (socket.destroy(), resolve()), 50));")).toEqual([
      "line 1: a timer (wait for the event, not for time): socket.write(bytes, () => setTimeout(() => (socket.destroy(), resolve()), 50));",
    ]);
    expect(hygieneProblems(["it", '.skip("x", () => {});\n', "xi", 't("y");\n', "describe", '.only("z")'].join("")).length).toBe(3);
    expect(hygieneProblems("// A fail-safe that stops an orphan\nconst timer = setTimeout(() => child.kill(), 50_000);")).toEqual([]);
    expect(hygieneProblems("const nowSeconds = () => Math.floor(Date.now() / 1000);")).toEqual([]);
  });

  it("every test file follows the rules", () => {
    const files = testFiles();
    expect(files.length >= 30).toBe(true); // the scan found the test folders
    const self = fileURLToPath(import.meta.url);
    const problems = files.filter((file) => file !== self).flatMap((file) => hygieneProblems(readFileSync(file, "utf8")).map((p) => `${relative(ROOT, file)} ${p}`));
    expect(problems).toEqual([]);
  });
});
