// First half of `npm run build` (before tsc, which reads the copy for the JSON types): copies the
// corpus — vectors/*.json, vectors/schema/*.json and the format README — into data/, the
// package-local folder src/index.ts imports from, so the loader reads the same files from source
// (tests, Deno, Bun), from dist/ (npm) and from JSR, and no published module reaches outside its
// package. data/ is generated, never edited: `npm run vectors` writes vectors/, the build copies it.
//
// Tests of other packages may be reading data/ while this runs (turbo builds and tests in
// parallel), so a file is only written when its content changed, through a rename that readers
// see whole; files the corpus no longer has are removed.

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const CORPUS = fileURLToPath(new URL("../../vectors/", import.meta.url));
const DATA = fileURLToPath(new URL("./data/", import.meta.url));

/** The files of a folder (not its subfolders) whose names end with `suffix`, as "<prefix><name>". */
const filesIn = (dir, prefix, suffix) =>
  existsSync(join(dir, prefix))
    ? readdirSync(join(dir, prefix)).filter((name) => name.endsWith(suffix) && statSync(join(dir, prefix, name)).isFile()).map((name) => prefix + name)
    : [];

/** The corpus files to copy, by their path under vectors/ (and so under data/). */
const corpusFiles = [...filesIn(CORPUS, "", ".json"), ...filesIn(CORPUS, "schema/", ".json"), "README.md"];

mkdirSync(join(DATA, "schema"), { recursive: true });
let written = 0;
for (const file of corpusFiles) {
  const content = readFileSync(join(CORPUS, file));
  const target = join(DATA, file);
  if (existsSync(target) && content.equals(readFileSync(target))) continue;
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, target);
  written++;
}
const stale = [...filesIn(DATA, "", ""), ...filesIn(DATA, "schema/", "")].filter((file) => !corpusFiles.includes(file));
for (const file of stale) rmSync(join(DATA, file));
console.log(`@panelsig/vectors: data/ holds the ${corpusFiles.length} corpus files (${written} updated, ${stale.length} removed)`);
