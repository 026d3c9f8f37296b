// docs/ci.md is tested, not just written: its GitHub Actions and GitLab CI files are parsed and
// their shape checked (the report is uploaded even when the check fails, under the name the check
// writes), the install lines name this package, its bin and its tarball, and every panelsig (and
// node) command shown in it is run, in order, the way the pipeline runs it: through the shell, in a
// directory holding `my_adapter.py` (the complete Python example adapter), with `panelsig` on the
// PATH. The reports they write are checked by the JUnit schema and the JSON report schema.
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { parse } from "yaml";
import { BIN, NODE, runProcess } from "./run-cli.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DOC = readFileSync(join(ROOT, "docs/ci.md"), "utf8");
const CLI_PACKAGE = JSON.parse(readFileSync(join(ROOT, "packages/cli/package.json"), "utf8"));
const SLOW = 120_000; // the Python adapter runs the whole corpus several times

const blocks = [...DOC.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, text: m[2]! }));
const yamlBlocks = blocks.filter((b) => b.lang === "yaml").map((b) => parse(b.text) as Record<string, any>);
const github = yamlBlocks.find((y) => y.jobs)!;
const gitlab = yamlBlocks.find((y) => y.panelsig?.script)!;

/** Every command line of the doc, in order: the workflows' run steps and scripts, then the sh blocks. */
const commands: string[] = [
  ...github.jobs.panelsig.steps.filter((s: { run?: string }) => s.run).map((s: { run: string }) => s.run),
  ...gitlab.panelsig.before_script,
  ...gitlab.panelsig.script,
  ...blocks.filter((b) => b.lang === "sh").flatMap((b) => b.text.trimEnd().split("\n")),
];
const MISSPELT = 'panelsig check --exec "pyhton3 my_adapter.py"';

describe("docs/ci.md: the pipelines", () => {
  it("GitHub Actions: checkout, Node, panelsig installed and run, the JUnit report uploaded even on failure", () => {
    const steps: Record<string, any>[] = github.jobs.panelsig.steps;
    const uses = steps.map((s) => s.uses).filter(Boolean);
    expect(uses).toEqual(["actions/checkout@v4", "actions/setup-node@v4", "actions/setup-python@v5", "actions/upload-artifact@v4"]);
    const check = steps.findIndex((s) => /^panelsig check .*> panelsig\.xml$/.test(s.run ?? ""));
    const upload = steps.findIndex((s) => s.uses === "actions/upload-artifact@v4");
    expect(check).toBeGreaterThan(steps.findIndex((s) => /^npm install --global /.test(s.run ?? "")));
    expect(upload).toBeGreaterThan(check);
    expect(steps[upload]).toMatchObject({ if: "always()", with: { path: "panelsig.xml" } });
  });

  it("GitLab CI: panelsig installed, run, and its JUnit report kept as the test report even on failure", () => {
    expect(gitlab.panelsig.script).toContain('panelsig check --exec "python3 my_adapter.py" --format junit > panelsig.xml');
    expect(gitlab.panelsig.artifacts).toMatchObject({ when: "always", reports: { junit: "panelsig.xml" } });
  });

  it("every registry install line installs this package and its bin, pinned to the one version the doc uses", () => {
    const installs = commands.filter((c) => c.startsWith("npm install --global @"));
    expect(installs.length).toBe(3); // the pinning example, GitHub, GitLab
    const pins = new Set(installs.map((line) => /^npm install --global @panelsig\/cli@(\d+\.\d+\.\d+)$/.exec(line)?.[1]));
    expect([...pins]).toEqual([/`npm pack @panelsig\/cli@(\d+\.\d+\.\d+)`/.exec(DOC)![1]]);
    expect(CLI_PACKAGE.name).toBe("@panelsig/cli");
    expect(Object.keys(CLI_PACKAGE.bin)).toEqual(["panelsig"]);
    // `npm pack` names the tarball of @panelsig/cli "panelsig-cli-<version>.tgz", as the doc says.
    const pack = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts", "-w", "@panelsig/cli"], { cwd: ROOT, encoding: "utf8" });
    expect(JSON.parse(pack.stdout)[0].filename).toBe(`panelsig-cli-${CLI_PACKAGE.version}.tgz`);
    expect(DOC).toContain(`\`panelsig-cli-${[...pins][0]}.tgz\``);
  });
});

describe("docs/ci.md: the commands, run as shown", () => {
  const work = mkdtempSync(join(tmpdir(), "panelsig-ci-doc-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  // The port under test: the complete Python example adapter, saved as my_adapter.py.
  const examples = join(ROOT, "examples/adapters/python");
  for (const file of readdirSync(examples)) if (file.endsWith(".py")) cpSync(join(examples, file), join(work, file));
  cpSync(join(examples, "panelsig_adapter.py"), join(work, "my_adapter.py"));
  // `panelsig` on the PATH, as `npm install --global` puts it.
  mkdirSync(join(work, "bin"));
  writeFileSync(join(work, "bin", "panelsig"), `#!/bin/sh\nexec '${NODE}' '${BIN}' "$@"\n`);
  chmodSync(join(work, "bin", "panelsig"), 0o755);
  const sh = (command: string) => runProcess("sh", ["-c", command], { cwd: work, env: { PATH: `${join(work, "bin")}:${process.env.PATH}` } });

  const run = commands.filter((c) => /^(panelsig|node) /.test(c) && c !== MISSPELT);
  const tarballs = commands.filter((c) => c.includes("/tmp/panelsig-tarballs"));
  const others = commands.filter((c) => !run.includes(c) && !tarballs.includes(c) && c !== MISSPELT);

  it("names no command this test does not run or check", () => {
    expect(others.filter((c) => !/^(npm install --global @panelsig\/cli@|apt-get )/.test(c))).toEqual([]);
    expect(run.length).toBeGreaterThanOrEqual(6);
    expect(tarballs.length).toBe(2);
  });

  it(
    "the tarball install: pack every package, install them offline, and the installed panelsig checks an adapter",
    async () => {
      // The doc's commands as shown, but into this test's own directories: the tarballs in a
      // temporary folder, and the "global" install under a temporary prefix (npm_config_prefix).
      const prefix = join(work, "global");
      const env = { PATH: `${join(prefix, "bin")}:${process.env.PATH}`, npm_config_prefix: prefix };
      const [pack, install] = tarballs.map((c) => c.replaceAll("/tmp/panelsig-tarballs", join(work, "tarballs")));
      mkdirSync(join(work, "tarballs"));
      const packed = await runProcess("sh", ["-c", pack!], { cwd: ROOT, env });
      expect(packed.code, packed.stderr).toBe(0);
      const installed = await runProcess("sh", ["-c", install!], { cwd: work, env });
      expect(installed.code, installed.stderr).toBe(0);
      const panelsigInstalled = join(prefix, "bin", "panelsig");
      expect(existsSync(join(prefix, "lib", "node_modules", "@panelsig", "cli", "report.schema.json"))).toBe(true);
      const version = await runProcess(panelsigInstalled, ["--version"], { cwd: work });
      expect(version.stdout.split("\n")[0]).toBe(`panelsig ${CLI_PACKAGE.version} (@panelsig/cli)`);
      const check = await runProcess(panelsigInstalled, ["check", "--exec", "python3 my_adapter.py", "--scheme", "acepanel"], { cwd: work });
      expect(check.code, check.stdout).toBe(0);
      expect(check.stdout).toMatch(/\nPASS python3 my_adapter\.py: (\d+)\/\1 passed\n/);
    },
    SLOW,
  );

  it(
    "each exits 0, and the reports they write are valid",
    async () => {
      let last = "";
      for (const command of new Set(run)) {
        const { code, stdout, stderr } = await sh(command);
        expect([command, code, stderr]).toEqual([command, 0, ""]);
        last = stdout;
      }
      expect(last.trimEnd().split("\n").at(-1)).toBe("PASS"); // the report-reading one-liner, last
      const xsd = readFileSync(fileURLToPath(new URL("./schemas/junit-10.xsd", import.meta.url)), "utf8");
      for (const file of ["panelsig.xml", "panelsig-acepanel.xml"]) {
        expect(existsSync(join(work, file)), file).toBe(true);
        const result = await validateXML({ xml: [{ fileName: file, contents: readFileSync(join(work, file), "utf8") }], schema: [{ fileName: "junit-10.xsd", contents: xsd }] });
        expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
      }
      const schema = JSON.parse(readFileSync(join(ROOT, "packages/cli/report.schema.json"), "utf8"));
      const report = JSON.parse(readFileSync(join(work, "panelsig.json"), "utf8"));
      expect(new Ajv2020({ strict: true }).validate(schema, report)).toBe(true);
      expect(report.failed).toBe(false);
    },
    SLOW,
  );

  it("panelsig --version prints what the doc shows, with this release's numbers", async () => {
    const shown = blocks.find((b) => b.lang === "text" && b.text.startsWith("panelsig "))!.text;
    const { code, stdout } = await sh("panelsig --version");
    expect(code).toBe(0);
    const shape = (text: string) => text.replace(/\d+(\.\d+)*/g, "N");
    expect(shape(stdout)).toBe(shape(shown));
  });

  it("the misspelt adapter command gives the first line the doc shows", async () => {
    expect(commands).toContain(MISSPELT);
    const shown = blocks.find((b) => b.lang === "text" && b.text.startsWith("✗ "))!.text.trimEnd();
    const { code, stdout } = await sh(MISSPELT);
    expect(code).toBe(1);
    const first = stdout.split("\n")[0]!;
    const [before] = shown.split("its standard error ends: ");
    expect(first.startsWith(`${before}its standard error ends: `)).toBe(true);
    expect(first).toMatch(/pyhton3: (command )?not found$/); // dash and bash word it differently
  });
});
