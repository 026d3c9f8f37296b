// Second half of `npm run build`: copies the corpus (vectors/*.json, vectors/schema/, the format
// README) into data/, and points the compiled loader at that copy. src/index.ts imports the
// corpus from the repository root (../../../vectors/…); the published package has no such
// folder, so dist/index.js must import ../data/… instead. Fails loudly if the specifiers change.

import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const CORPUS = new URL("../../vectors/", import.meta.url);
const DATA = new URL("./data/", import.meta.url);
const LOADER = new URL("./dist/index.js", import.meta.url);
const REPO_SPECIFIER = '"../../../vectors/';
const PACKAGE_SPECIFIER = '"../data/';

rmSync(DATA, { recursive: true, force: true });
mkdirSync(new URL("schema/", DATA), { recursive: true });
const vectorFiles = readdirSync(CORPUS).filter((name) => name.endsWith(".json"));
for (const name of vectorFiles) copyFileSync(new URL(name, CORPUS), new URL(name, DATA));
for (const name of readdirSync(new URL("schema/", CORPUS))) copyFileSync(new URL(`schema/${name}`, CORPUS), new URL(`schema/${name}`, DATA));
copyFileSync(new URL("README.md", CORPUS), new URL("README.md", DATA));

const loader = readFileSync(LOADER, "utf8");
const imports = loader.split(REPO_SPECIFIER).length - 1;
if (imports !== vectorFiles.length) {
  throw new Error(`dist/index.js imports ${imports} files from ${REPO_SPECIFIER}…, the corpus has ${vectorFiles.length}: update build-data.mjs`);
}
writeFileSync(LOADER, loader.replaceAll(REPO_SPECIFIER, PACKAGE_SPECIFIER));
console.log(`@panelsig/vectors: copied ${vectorFiles.length} vector files and their schemas to data/`);
