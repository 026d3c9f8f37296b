// `npm run check:packages` (part of `npm test`): would every package publish cleanly?
// Runs on the built packages and reports every problem before failing, so one run shows them all.
//
// npm, per package: the manifest fields a user and the registry need; dist/ built and free of
//   stale files; publint (strict, suggestions included) silent; Are The Types Wrong silent under
//   its "esm-only" profile; the tarball shipping only what a user needs (all three read one
//   `npm pack` per package).
// JSR, for the packages in jsr.workspace.json: each jsr.json in step with its package.json;
//   `deno publish --dry-run` (type check, slow-types check, file list) passes, publishing only
//   what a user needs and all of it; every relative import of a published file, and every export
//   of a jsr.json, resolves to a published file.
// @panelsig/vectors, on both registries: the data/ it ships is the repository's corpus, byte for byte.
//
// @panelsig/middleware is npm-only: it types `req.panelsig` for Express and Fastify users by
// augmenting those frameworks' types, which JSR forbids, and its users install the frameworks from
// npm; Deno imports it as `npm:@panelsig/middleware/hono`.
//
// @panelsig/cli is npm-only: it has no library API, only a program (its one module runs the
// command when imported), and Deno users run the npm package as it is (`deno run -A npm:@panelsig/cli`).
//
// Why "esm-only" for attw: the packages are ES modules only ("type": "module", no "require"
// condition) on purpose — they run unchanged on Node ≥ 20, Deno, Bun and browsers. That profile
// skips the two resolutions that cannot apply to such a package (TypeScript's legacy `node10`,
// and `require()` from CommonJS, which Node 20 can only do through `await import()`); every
// other resolution (node16 from ESM, bundler) must find the types and the JavaScript.
//
// The "@panelsig/source" export condition stays in the published manifests: it points at src/,
// which is not shipped, but only a resolver configured with that exact, package-scoped name
// (this repository's vitest, tsc, Deno and Bun runs) ever selects it.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const JSR_WORKSPACE = "jsr.workspace.json";
const REPOSITORY = "git+https://github.com/panelsig/panelsig.git";
const ENV = { ...process.env, PATH: `${join(ROOT, "node_modules", ".bin")}${delimiter}${process.env.PATH ?? ""}`, NO_COLOR: "1" };

/** Files a user needs, besides package.json, README.md and LICENSE, per package. */
const SHIPPED: Record<string, RegExp> = {
  default: /^dist\/.+\.(js|d\.ts)$/,
  vectors: /^(dist\/.+\.(js|d\.ts)|data\/[a-z0-9-]+\.json|data\/schema\/[a-z0-9-]+\.schema\.json|data\/README\.md)$/,
  cli: /^(dist\/.+\.(js|d\.ts)|bin\/[a-z]+\.js|report\.schema\.json)$/,
};
const ALWAYS_SHIPPED = ["package.json", "README.md", "LICENSE"];
/** Files of the vector corpus that @panelsig/vectors must ship. */
const CORPUS = ["acepanel", "hmac-sha256", "opterius-agent", "opterius-panel"];
/** Where @panelsig/vectors ships them (npm and JSR alike), a copy of vectors/ made by its build. */
const CORPUS_DATA = [...CORPUS.flatMap((name) => [`data/${name}.json`, `data/schema/${name}.schema.json`]), "data/README.md"];
/** Files a JSR user needs, besides README.md, LICENSE and jsr.json, per package. */
const JSR_PUBLISHED: Record<string, RegExp> = {
  default: /^src\/.+\.ts$/,
  vectors: /^(src\/.+\.ts|data\/[a-z0-9-]+\.json|data\/schema\/[a-z0-9-]+\.schema\.json|data\/README\.md)$/,
};

type Json = Record<string, any>;
const problems: string[] = [];
const problem = (where: string, what: string) => problems.push(`${where}: ${what}`);

const readJson = (path: string): Json => JSON.parse(readFileSync(join(ROOT, path), "utf8"));

function run(command: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, env: ENV, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => name.split("\\").join("/"));
}

const packageDirs = readdirSync(join(ROOT, "packages")).filter((dir) => existsSync(join(ROOT, "packages", dir, "package.json"))).sort();
const rootLicense = readFileSync(join(ROOT, "LICENSE"), "utf8");

/** The fields the registry page, `npm install` and provenance rely on. */
function checkManifest(dir: string, pkg: Json): void {
  const where = `packages/${dir}/package.json`;
  const expect = (field: string, ok: boolean, want: string) => ok || problem(where, `"${field}" should be ${want}`);
  expect("name", pkg.name === `@panelsig/${dir}`, `"@panelsig/${dir}"`);
  expect("private", pkg.private === undefined, "absent");
  expect("version", /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(pkg.version ?? ""), "a semver version");
  expect("description", typeof pkg.description === "string" && pkg.description.length > 0, "a sentence");
  expect("license", pkg.license === "MIT", '"MIT"');
  expect("type", pkg.type === "module", '"module"');
  expect("repository", pkg.repository?.url === REPOSITORY && pkg.repository?.directory === `packages/${dir}`, `{ url: "${REPOSITORY}", directory: "packages/${dir}" }`);
  expect("keywords", Array.isArray(pkg.keywords) && pkg.keywords.length > 0, "a list");
  expect("engines", typeof pkg.engines?.node === "string", 'a "node" range');
  expect("publishConfig", pkg.publishConfig?.access === "public", '{ "access": "public" }');
  expect("files", Array.isArray(pkg.files) && pkg.files.includes("dist"), 'a list with "dist"');
  expect("exports", typeof pkg.exports === "object" && pkg.exports !== null, "an object");
  for (const dependency of Object.keys(pkg.dependencies ?? {})) {
    if (dependency.startsWith("@panelsig/") && pkg.dependencies[dependency] !== pkg.version) {
      problem(where, `depends on ${dependency}@${pkg.dependencies[dependency]}, but every @panelsig package is released at one version (${pkg.version})`);
    }
  }
  if (!existsSync(join(ROOT, "packages", dir, "README.md"))) problem(`packages/${dir}`, "has no README.md");
  const license = join(ROOT, "packages", dir, "LICENSE");
  if (!existsSync(license) || readFileSync(license, "utf8") !== rootLicense) problem(`packages/${dir}/LICENSE`, "should be a copy of the root LICENSE");
}

/** dist/ must hold exactly the compiled src/: nothing missing, nothing left from deleted sources. */
function checkBuild(dir: string): void {
  const base = join(ROOT, "packages", dir);
  const sources = new Set(filesUnder(join(base, "src")).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3)));
  const built = filesUnder(join(base, "dist"));
  if (built.length === 0) return void problem(`packages/${dir}`, "has no dist/: run `npm run build` first");
  for (const source of sources) {
    for (const ext of [".js", ".d.ts"]) if (!built.includes(source + ext)) problem(`packages/${dir}/dist`, `${source}${ext} is missing: run \`npm run build\``);
  }
  for (const file of built) {
    const source = file.replace(/(\.d\.ts|\.js)$/, "");
    if (!sources.has(source)) problem(`packages/${dir}/dist`, `${file} has no source in src/ (stale): delete dist/ and run \`npm run build\``);
  }
}

async function checkPublint(pkg: Json, tarball: string): Promise<void> {
  const bytes = readFileSync(tarball);
  const { messages } = await publint({ pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }, level: "suggestion", strict: true });
  for (const message of messages) problem(`publint ${pkg.name}`, `${message.type}: ${formatMessage(message, pkg)}`);
}

function checkTypes(dir: string, pkg: Json, tarball: string): void {
  const jsonEntries = dir === "vectors" ? ["--include-entrypoints", ...CORPUS.flatMap((name) => [`./${name}.json`, `./schema/${name}.schema.json`])] : [];
  const result = run("attw", [tarball, "--profile", "esm-only", "--format", "ascii", "--no-color", "--no-emoji", ...jsonEntries], ROOT);
  if (result.status !== 0) problem(`attw ${pkg.name}`, `reports problems:\n${result.stdout}${result.stderr}`);
}

/** `npm pack`, once per package: the tarball publint and attw read, and the list of what it ships. */
function pack(dir: string, pkg: Json, destination: string): { tarball: string; files: string[] } | undefined {
  const result = run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", destination], join(ROOT, "packages", dir));
  if (result.status !== 0) return void problem(`npm pack ${pkg.name}`, result.stderr);
  const [packed] = JSON.parse(result.stdout) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(destination, packed!.filename), files: packed!.files.map((f) => f.path) };
}

/** The tarball ships only what a user needs, and all of it. */
function checkTarball(dir: string, pkg: Json, files: string[]): void {
  const shipped = SHIPPED[dir] ?? SHIPPED.default!;
  for (const file of files) {
    if (!ALWAYS_SHIPPED.includes(file) && !shipped.test(file)) problem(`npm pack ${pkg.name}`, `ships ${file}, which a user does not need`);
  }
  const required = [...ALWAYS_SHIPPED, ...exportedFiles(pkg)];
  if (dir === "cli") required.push("dist/cli.js", "report.schema.json", ...Object.values(pkg.bin ?? {}).map((bin) => normalize(String(bin)).split("\\").join("/")));
  if (dir === "vectors") required.push(...CORPUS_DATA);
  for (const file of required) if (!files.includes(file)) problem(`npm pack ${pkg.name}`, `does not ship ${file}`);
}

/** The files the manifest's exports point a user at (types and JavaScript of each entry point). */
function exportedFiles(pkg: Json): string[] {
  const files: string[] = [];
  for (const [entry, target] of Object.entries<unknown>(pkg.exports ?? {})) {
    if (entry === "./package.json" || typeof target !== "object" || target === null) continue;
    for (const [condition, file] of Object.entries(target as Record<string, unknown>)) {
      if ((condition === "types" || condition === "default") && typeof file === "string") files.push(normalize(file).split("\\").join("/"));
    }
  }
  return files;
}

/** The corpus @panelsig/vectors ships (data/, made by its build) is the repository's vectors/. */
function checkVectorData(): void {
  for (const file of CORPUS_DATA) {
    const shipped = join(ROOT, "packages", "vectors", file);
    const source = join(ROOT, "vectors", file.slice("data/".length));
    if (!existsSync(shipped) || !readFileSync(shipped).equals(readFileSync(source))) {
      problem(`packages/vectors/${file}`, `is not a copy of vectors/${file.slice("data/".length)}: run \`npm run build\``);
    }
  }
}

/** Each workspace member's jsr.json, against its package.json. */
function checkJsrManifests(members: string[]): void {
  for (const dir of packageDirs) {
    const hasJsr = existsSync(join(ROOT, "packages", dir, "jsr.json"));
    if (hasJsr !== members.includes(dir)) problem(JSR_WORKSPACE, `packages/${dir} ${hasJsr ? "has a jsr.json but is not a workspace member" : "is a member but has no jsr.json"}`);
  }
  for (const dir of members) {
    const where = `packages/${dir}/jsr.json`;
    if (!existsSync(join(ROOT, where))) continue;
    const jsr = readJson(where);
    const pkg = readJson(`packages/${dir}/package.json`);
    if (jsr.name !== pkg.name) problem(where, `"name" is ${jsr.name}, package.json says ${pkg.name}`);
    if (jsr.version !== pkg.version) problem(where, `"version" is ${jsr.version}, package.json says ${pkg.version}: run \`npm run version-packages\` (or tsx scripts/sync-jsr-versions.ts)`);
    if (jsr.license !== pkg.license) problem(where, `"license" is ${jsr.license}, package.json says ${pkg.license}`);
  }
}

/** `deno publish --dry-run` for the whole JSR workspace, then the published files' own imports. */
function checkJsrPublish(members: string[]): void {
  const result = run("deno", ["publish", "--dry-run", "--allow-dirty", "--config", JSR_WORKSPACE], ROOT);
  const output = result.stdout + result.stderr;
  if (result.status !== 0 || !output.includes("Dry run complete")) return void problem("deno publish --dry-run", output);
  const published = new Set([...output.matchAll(/file:\/\/(\/\S+) \(/g)].map((m) => relative(ROOT, decodeURIComponent(m[1]!)).split("\\").join("/")));
  for (const dir of members) {
    const files = [...published].filter((f) => f.startsWith(`packages/${dir}/`));
    const needed = JSR_PUBLISHED[dir] ?? JSR_PUBLISHED.default!;
    for (const file of files) {
      const inPackage = file.slice(`packages/${dir}/`.length);
      if (!["README.md", "LICENSE", "jsr.json"].includes(inPackage) && !needed.test(inPackage)) problem(`JSR @panelsig/${dir}`, `publishes ${inPackage}, which a user does not need`);
    }
    // The entry module is checked through the exports below (the cli's is src/cli.ts).
    const required = ["README.md", "LICENSE", ...(dir === "vectors" ? CORPUS_DATA : [])];
    for (const file of required) if (!published.has(`packages/${dir}/${file}`)) problem(`JSR @panelsig/${dir}`, `does not publish ${file}`);
    const exports = readJson(`packages/${dir}/jsr.json`).exports;
    for (const target of typeof exports === "string" ? [exports] : Object.values<string>(exports ?? {})) {
      if (!published.has(normalize(join("packages", dir, target)).split("\\").join("/"))) problem(`packages/${dir}/jsr.json`, `exports ${target}, which is not published`);
    }
  }
  // deno's dry run does not fail on a relative import that leaves the package (it resolves it on
  // disk); the registry would publish a module that cannot load. Every relative specifier must
  // name a published file.
  for (const file of published) {
    if (!file.endsWith(".ts")) continue;
    const source = readFileSync(join(ROOT, file), "utf8");
    for (const match of source.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
      const target = normalize(join(dirname(file), match[1]!)).split("\\").join("/");
      if (!published.has(target)) problem(`JSR ${file}`, `imports ${match[1]}, which is not published with it`);
    }
  }
}

/**
 * A browser bundle of @panelsig/webcrypto's `sign` alone, from the built package (what a user's
 * bundler gets), minified: at most 6 KB gzipped (issue 15; the strict case reader's messages are
 * about a fifth of it), and no SHA-256 of its own (WebCrypto has one; the pure SHA-256 is for
 * verify's streamed bodies).
 */
const SIGN_BUNDLE_GZIP_BUDGET = 6000;
const SHA256_FIRST_ROUND_CONSTANT = String(0x428a2f98);

async function checkSignBundle(): Promise<void> {
  const result = await build({
    stdin: { contents: 'export { sign } from "@panelsig/webcrypto";', resolveDir: ROOT, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  const gzipped = gzipSync(code, { level: 9 }).length;
  const where = "@panelsig/webcrypto sign, bundled alone";
  if (gzipped > SIGN_BUNDLE_GZIP_BUDGET) problem(where, `${gzipped} bytes gzipped, over the ${SIGN_BUNDLE_GZIP_BUDGET}-byte budget`);
  if (new TextDecoder().decode(code).includes(SHA256_FIRST_ROUND_CONSTANT)) problem(where, "carries a SHA-256 implementation (sign needs WebCrypto's only)");
  console.log(`size ${where}: ${code.length} bytes minified, ${gzipped} gzipped (budget ${SIGN_BUNDLE_GZIP_BUDGET})`);
}

const tarballs = mkdtempSync(join(tmpdir(), "panelsig-pack-"));
for (const dir of packageDirs) {
  const pkg = readJson(`packages/${dir}/package.json`);
  checkManifest(dir, pkg);
  checkBuild(dir);
  const packed = pack(dir, pkg, tarballs);
  if (packed) {
    await checkPublint(pkg, packed.tarball);
    checkTypes(dir, pkg, packed.tarball);
    checkTarball(dir, pkg, packed.files);
  }
  if (dir === "vectors") checkVectorData();
  console.log(`npm  ${pkg.name}@${pkg.version}: checked`);
}
rmSync(tarballs, { recursive: true, force: true });
const members: string[] = readJson(JSR_WORKSPACE).workspace.map((member: string) => member.replace(/^\.\/packages\//, ""));
checkJsrManifests(members);
checkJsrPublish(members);
await checkSignBundle();
console.log(`jsr  ${members.map((dir) => `@panelsig/${dir}`).join(", ")}: checked`);

if (problems.length > 0) {
  console.error(`\n${problems.length} packaging problem(s):\n${problems.map((p) => `- ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(`check:packages: ${packageDirs.length} npm packages and ${members.length} JSR packages would publish cleanly`);
