// Second half of `npm run version-packages`: `changeset version` bumps every package.json (and
// writes the changelogs), but knows nothing of JSR; this copies each package's new version into
// its jsr.json so npm and JSR always publish the same version. Sibling packages need no pinning
// here: `deno publish` turns imports of workspace members into `jsr:@panelsig/<name>@^<version>`.
// It also writes the versions `panelsig --version` prints into packages/cli/src/version.ts.

import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGES = fileURLToPath(new URL("../packages/", import.meta.url));

for (const dir of readdirSync(PACKAGES)) {
  const jsrPath = join(PACKAGES, dir, "jsr.json");
  if (!existsSync(jsrPath)) continue;
  const { version } = JSON.parse(readFileSync(join(PACKAGES, dir, "package.json"), "utf8")) as { version: string };
  const jsr = JSON.parse(readFileSync(jsrPath, "utf8")) as { name: string; version: string };
  if (jsr.version === version) continue;
  console.log(`${jsr.name}: jsr.json ${jsr.version} -> ${version}`);
  writeFileSync(jsrPath, JSON.stringify({ ...jsr, version }, null, 2) + "\n");
}

const versionOf = (dir: string) => (JSON.parse(readFileSync(join(PACKAGES, dir, "package.json"), "utf8")) as { version: string }).version;
const versionFile = join(PACKAGES, "cli", "src", "version.ts");
const versionSource = readFileSync(versionFile, "utf8")
  .replace(/CLI_VERSION = "[^"]*"/, `CLI_VERSION = "${versionOf("cli")}"`)
  .replace(/CORPUS_VERSION = "[^"]*"/, `CORPUS_VERSION = "${versionOf("vectors")}"`);
writeFileSync(versionFile, versionSource);
