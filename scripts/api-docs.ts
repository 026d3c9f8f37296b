// `npm run docs`: the API reference in docs/api/, made by TypeDoc (settings in typedoc.json) from
// the sources of every public entry point, i.e. every "@panelsig/source" target in the "exports"
// of packages/*/package.json, so a new entry point is documented without touching this file.
//
// `npm run docs -- --check` (npm test's docs step) makes it again into a temporary folder and
// fails, saying why, when:
// - TypeDoc warns (typedoc.json turns warnings into errors: an export or member without a doc
//   comment, a {@link} to nothing, a type used by the API but not exported);
// - a public export's doc comment has no @example (the rule: every public export has one);
// - docs/api/ is not what the sources make now (then: run `npm run docs` and commit docs/api/).

import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, "docs/api");
const TYPEDOC = join(ROOT, "node_modules/typedoc/bin/typedoc");
/** TypeDoc's ReflectionKind.Reference: a re-export of something documented where it is declared. */
const REFERENCE = 0x400000;

/** Every public entry point's source file, from the packages' "exports". */
function entryPoints(): string[] {
  const files: string[] = [];
  for (const dir of readdirSync(join(ROOT, "packages")).sort()) {
    const { exports } = JSON.parse(readFileSync(join(ROOT, "packages", dir, "package.json"), "utf8"));
    for (const target of Object.values<unknown>(exports ?? {})) {
      const source = typeof target === "object" && target !== null ? (target as Record<string, unknown>)["@panelsig/source"] : undefined;
      if (typeof source === "string") files.push(join("packages", dir, source));
    }
  }
  return files;
}

interface Reflection {
  name: string;
  kind: number;
  comment?: { blockTags?: { tag: string }[] };
  signatures?: Reflection[];
  children?: Reflection[];
}

/** The public exports (each module's own declarations, not its re-exports) whose doc comment has no @example. */
function withoutExample(project: Reflection): string[] {
  const hasExample = (r: Reflection) => [r, ...(r.signatures ?? [])].some((c) => c.comment?.blockTags?.some((t) => t.tag === "@example"));
  return (project.children ?? []).flatMap((module) =>
    (module.children ?? []).filter((r) => r.kind !== REFERENCE && !hasExample(r)).map((r) => `${module.name}: ${r.name}`),
  );
}

/** Every file under `dir`, by path relative to it. */
function files(dir: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) found.set(relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name)));
  }
  return found;
}

/** How `actual` differs from `wanted`: files missing, left over or changed. */
function differences(wanted: Map<string, Buffer>, actual: Map<string, Buffer>): string[] {
  const out: string[] = [];
  for (const [path, content] of wanted) {
    const have = actual.get(path);
    if (!have) out.push(`missing: ${path}`);
    else if (!have.equals(content)) out.push(`out of date: ${path}`);
  }
  for (const path of actual.keys()) if (!wanted.has(path)) out.push(`left over: ${path}`);
  return out.sort();
}

function main(): number {
  const check = process.argv.includes("--check");
  const scratch = mkdtempSync(join(tmpdir(), "panelsig-api-docs-"));
  try {
    const html = join(scratch, "api");
    const json = join(scratch, "api.json");
    const args = [TYPEDOC, "--out", html, "--json", json, ...entryPoints().flatMap((file) => ["--entryPoints", file])];
    const typedoc = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
    if (typedoc.status !== 0) {
      console.error("docs: TypeDoc found the problems above (every warning counts); fix the doc comments they name");
      return 1;
    }
    let failed = false;
    const missing = withoutExample(JSON.parse(readFileSync(json, "utf8")));
    if (missing.length) {
      console.error(`docs: ${missing.length} public export(s) have no @example in their doc comment:\n${missing.map((m) => `  ${m}`).join("\n")}`);
      failed = true;
    }
    if (check) {
      const stale = differences(files(html), files(OUT));
      if (stale.length) {
        const shown = stale.slice(0, 20).map((line) => `  ${line}`).join("\n");
        console.error(`docs: docs/api/ is not what the sources make now (${stale.length} file(s)):\n${shown}${stale.length > 20 ? "\n  …" : ""}\nRun \`npm run docs\` and commit docs/api/.`);
        failed = true;
      } else {
        console.log("docs: docs/api/ is up to date");
      }
    } else {
      rmSync(OUT, { recursive: true, force: true });
      cpSync(html, OUT, { recursive: true });
      console.log(`docs: wrote ${relative(ROOT, OUT)}/`);
    }
    return failed ? 1 : 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = main();
