// `npm run docs`: the API reference in docs/api/, made by TypeDoc (settings in typedoc.json) from
// the sources of every public entry point, i.e. every "@panelsig/source" target in the "exports"
// of packages/*/package.json, so a new entry point is documented without touching this file.
//
// `npm run docs -- --check` (npm test's docs step) makes it again into a temporary folder and
// fails, saying why, when:
// - TypeDoc warns (typedoc.json turns warnings into errors: an export or member without a doc
//   comment, a {@link} to nothing, a type used by the API but not exported);
// - a public export's doc comment has no @example (the rule: every public export has one), or an
//   example imports from a panelsig entry point a name that entry point does not export;
// - docs/api/ is not what the sources make now (then: run `npm run docs` and commit docs/api/).
//
// For that comparison the same sources must make the same bytes: typedoc.json leaves the examples
// uncoloured (ignoredHighlightLanguages) and leaves out members inherited from outside panelsig
// (excludeExternals: Error's, whose examples are coloured too), because TypeDoc's highlighter
// colours the same code differently from one run to the next; and it links no source line
// (disableSources), which would make docs/api/ stale at every edit above an export.

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, "docs/api");
const TYPEDOC = join(ROOT, "node_modules/typedoc/bin/typedoc");
/** TypeDoc's ReflectionKind.Reference: a re-export of something documented where it is declared. */
const REFERENCE = 0x400000;

/** Every public entry point: its source file, and the specifier a user imports it by. */
function entryPoints(): { file: string; specifier: string }[] {
  const found: { file: string; specifier: string }[] = [];
  for (const dir of readdirSync(join(ROOT, "packages")).sort()) {
    const { name, exports } = JSON.parse(readFileSync(join(ROOT, "packages", dir, "package.json"), "utf8"));
    for (const [subpath, target] of Object.entries<unknown>(exports ?? {})) {
      const source = typeof target === "object" && target !== null ? (target as Record<string, unknown>)["@panelsig/source"] : undefined;
      if (typeof source === "string") found.push({ file: join("packages", dir, source), specifier: join(name, subpath) });
    }
  }
  return found;
}

interface Comment {
  blockTags?: { tag: string; content: { text: string }[] }[];
}
interface Reflection {
  name: string;
  kind: number;
  comment?: Comment;
  signatures?: Reflection[];
  children?: Reflection[];
}

/** The text of every @example of `r` (and of its signatures: a function's comment is on them). */
function examples(r: Reflection): string[] {
  return [r, ...(r.signatures ?? [])].flatMap((c) => (c.comment?.blockTags ?? []).filter((t) => t.tag === "@example").map((t) => t.content.map((part) => part.text).join("")));
}

/**
 * What is wrong with the examples: a public export (a module's own declaration, not a re-export)
 * without one, and an example importing from a panelsig entry point a name it does not export.
 */
function exampleProblems(project: Reflection): string[] {
  // Each entry point's module is named by the specifier it is imported by (its @module tag).
  const exportsOf = new Map((project.children ?? []).map((module) => [module.name, new Set((module.children ?? []).map((r) => r.name))]));
  const problems = entryPoints()
    .filter((e) => !exportsOf.has(e.specifier))
    .map((e) => `${e.file} needs "@module ${e.specifier}" in its first doc comment (the reference names it so)`);
  for (const module of project.children ?? []) {
    for (const r of module.children ?? []) {
      if (r.kind === REFERENCE) continue;
      const texts = examples(r);
      if (!texts.length) problems.push(`${module.name}: ${r.name} has no @example`);
      for (const [, names, from] of texts.join("\n").matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+"(@panelsig\/[^"]+)"/g)) {
        const exported = exportsOf.get(from!);
        if (!exported) {
          problems.push(`${module.name}: ${r.name}'s example imports from "${from}", which is no entry point`);
          continue;
        }
        for (const name of names!.split(",").map((n) => n.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0]!)) {
          if (name && !exported.has(name)) problems.push(`${module.name}: ${r.name}'s example imports ${name} from "${from}", which does not export it`);
        }
      }
    }
  }
  return problems;
}

/** Every file under `dir`, by path relative to it (none when there is no `dir`). */
function files(dir: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  if (!existsSync(dir)) return found;
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
    const args = [TYPEDOC, "--out", html, "--json", json, ...entryPoints().flatMap((e) => ["--entryPoints", e.file])];
    const typedoc = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
    if (typedoc.status !== 0) {
      console.error("docs: TypeDoc found the problems above (every warning counts); fix the doc comments they name");
      return 1;
    }
    let failed = false;
    const problems = exampleProblems(JSON.parse(readFileSync(json, "utf8")));
    if (problems.length) {
      console.error(`docs: ${problems.length} problem(s) with the examples:\n${problems.map((m) => `  ${m}`).join("\n")}`);
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
