// @panelsig/conformance loads in a browser: nothing it imports before running reaches a Node
// built-in (@panelsig/node, which needs node:crypto, is imported on demand), and a provider that
// cannot load is reported with the runtime's reason, never skipped. A browser cannot be started
// here, so the first half reads the import graph of the sources and the second half loads a
// provider through an import that fails as a browser's does.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { AVAILABLE_PROVIDERS, loadProvider, PROVIDERS, runCorpus, UNAVAILABLE_PROVIDERS } from "@panelsig/conformance";
import { nodeProvider } from "@panelsig/node";
import * as pure from "@panelsig/pure";

const ROOT = new URL("../../../", import.meta.url);

/** A workspace package's source entry: its "@panelsig/source" export. */
function sourceEntry(name: string): URL {
  const dir = `packages/${name.slice("@panelsig/".length)}/`;
  const manifest = JSON.parse(readFileSync(new URL(`${dir}package.json`, ROOT), "utf8"));
  return new URL(manifest.exports["."]["@panelsig/source"], new URL(dir, ROOT));
}

/**
 * What a module loads before it runs: the specifiers of its import and export-from declarations,
 * less the type-only ones (erased when compiled). import() loads on demand and is not one of them.
 */
function loadedFirst(source: string): string[] {
  const declarations = /^\s*(?:import|export)\s+(type\s+)?[^;]*?\bfrom\s*"([^"]+)"|^\s*import\s*"([^"]+)"/gm;
  return [...source.matchAll(declarations)].filter((m) => m[1] === undefined).map((m) => (m[2] ?? m[3])!);
}

/** Every workspace package and every other specifier (a built-in, an npm package) reached statically from a package's entry. */
function staticGraph(name: string): { packages: string[]; others: string[] } {
  const packages = new Set([name]);
  const others = new Set<string>();
  const seen = new Set<string>();
  const queue = [sourceEntry(name)];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file.href) || file.pathname.endsWith(".json")) continue;
    seen.add(file.href);
    for (const specifier of loadedFirst(readFileSync(fileURLToPath(file), "utf8"))) {
      if (specifier.startsWith(".")) queue.push(new URL(specifier, file));
      else if (specifier.startsWith("@panelsig/")) {
        packages.add(specifier);
        queue.push(sourceEntry(specifier));
      } else others.add(specifier);
    }
  }
  return { packages: [...packages].sort(), others: [...others].sort() };
}

describe("the modules @panelsig/conformance loads before it runs", () => {
  it("are browser-safe: core, pure, webcrypto and vectors, and no Node built-in", () => {
    expect(staticGraph("@panelsig/conformance")).toEqual({
      packages: ["@panelsig/conformance", "@panelsig/core", "@panelsig/pure", "@panelsig/vectors", "@panelsig/webcrypto"],
      others: [],
    });
  });

  it("would show node:crypto if a static import reached it, as @panelsig/node's own graph does", () => {
    expect(staticGraph("@panelsig/node").others).toContain("node:crypto");
  });
});

describe("a provider the runtime cannot load", () => {
  // What Chromium 156's import() rejects with when the page's import map has no @panelsig/node.
  const browserError = new TypeError("Failed to resolve module specifier '@panelsig/node'");
  const standIn = () => loadProvider("node", () => Promise.reject(browserError));
  const reason = `TypeError: ${browserError.message}`;

  it("is reported unavailable with the runtime's reason", async () => {
    expect((await standIn()).unavailable).toEqual({ provider: "node", reason });
  });

  it("keeps its name, and every call of its stand-in throws that reason", async () => {
    const { pkg } = await standIn();
    const thrown = `@panelsig/node cannot load in this runtime: ${reason}`;
    expect(pkg.name).toBe("node");
    await expect(pkg.sign({} as never)).rejects.toThrow(thrown);
    await expect(pkg.verify({} as never)).rejects.toThrow(thrown);
    expect(() => pkg.provider.sha256(new Uint8Array(1))).toThrow(thrown);
    expect(() => pkg.provider.createSha256()).toThrow(thrown);
    expect(() => pkg.provider.hmacSha256(new Uint8Array(1), new Uint8Array(1))).toThrow(thrown);
  });

  it("is a provider that cannot run in the corpus report, with no rows, not a silent gap", async () => {
    const { pkg } = await standIn();
    expect(await runCorpus([pkg])).toEqual({ rows: [], unavailable: [{ provider: "node", reason: `Error: @panelsig/node cannot load in this runtime: ${reason}` }] });
  });

  it("gives the reason of a rejection that is not an Error too", async () => {
    expect((await loadProvider("node", () => Promise.reject("no node:crypto here"))).unavailable).toEqual({ provider: "node", reason: "no node:crypto here" });
  });

  it("is the package itself, with no reason, when the import succeeds", async () => {
    const loaded = await loadProvider("pure", async () => ({ provider: pure.pureProvider, sign: pure.sign, verify: pure.verify }));
    expect(loaded.unavailable).toBe(undefined);
    expect(loaded.pkg.name).toBe("pure");
    expect(loaded.pkg.provider).toBe(pure.pureProvider);
  });
});

describe("in this runtime (Node, Deno or Bun)", () => {
  it("every provider loads, @panelsig/node's node:crypto provider first", () => {
    expect(PROVIDERS.map((p) => p.name)).toEqual(["node", "webcrypto", "pure"]);
    expect(PROVIDERS[0]!.provider).toBe(nodeProvider);
    expect(AVAILABLE_PROVIDERS).toEqual(PROVIDERS);
    expect(UNAVAILABLE_PROVIDERS).toEqual([]);
  });
});
