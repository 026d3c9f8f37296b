// Regenerates the vector corpus under vectors/ (npm run vectors), or, with --check, regenerates
// it in memory and fails on any problem or any difference from the committed files
// (npm run vectors:check, part of npm test).

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkCorpus, checkReadmeFlagCounts, diffCorpus } from "./vectors/check.ts";
import { generateCorpus } from "./vectors/corpus.ts";

const VECTORS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "vectors");
const check = process.argv.includes("--check");

const generated = generateCorpus();
const problems = checkCorpus(generated);
if (problems.length) {
  console.error(`The generated corpus is not sound (${problems.length} problems):\n${problems.map((p) => `  ${p}`).join("\n")}`);
  process.exit(1);
}

const readmeProblems = checkReadmeFlagCounts(readIfExists(join(VECTORS_DIR, "README.md")) ?? "", generated);

const count = [...generated.entries()]
  .filter(([path]) => !path.startsWith("schema/"))
  .map(([path, text]) => `${path} ${(JSON.parse(text) as { numberOfVectors: number }).numberOfVectors}`);

if (check) {
  const committed = new Map<string, string | undefined>();
  for (const path of [...generated.keys(), ...jsonFilesOnDisk()]) committed.set(path, readIfExists(join(VECTORS_DIR, path)));
  const differences = [...diffCorpus(generated, committed), ...readmeProblems];
  if (differences.length) {
    console.error(`vectors/ differs from what scripts/generate-vectors.ts generates:\n${differences.map((d) => `  ${d}`).join("\n")}`);
    console.error("Run `npm run vectors` to regenerate, review the diff, and add a changeset (major when a published vector changed).");
    process.exit(1);
  }
  console.log(`vectors: up to date and valid (${count.join(", ")})`);
} else {
  for (const [path, text] of generated) {
    const target = join(VECTORS_DIR, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  console.log(`vectors: written (${count.join(", ")})`);
  if (readmeProblems.length) console.error(`Update the table of DocClient flags:\n${readmeProblems.map((p) => `  ${p}`).join("\n")}`);
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** The JSON files the generator owns a place for: vectors/*.json and vectors/schema/*.json. */
function jsonFilesOnDisk(): string[] {
  const list = (dir: string) => {
    try {
      return readdirSync(join(VECTORS_DIR, dir)).filter((name) => name.endsWith(".json"));
    } catch {
      return [];
    }
  };
  return [...list("."), ...list("schema").map((name) => `schema/${name}`)];
}
