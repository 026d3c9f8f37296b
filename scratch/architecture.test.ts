// Core's shape (docs/architecture.md): a scheme's knowledge lives in its module under schemes/,
// the general modules name no scheme (they reach schemes through registry.ts), and the two tables
// of the registry list the same schemes. Each rule is first shown to catch what it forbids.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SCHEME_IDS } from "@panelsig/core";
import { SIGNERS, VERIFIERS } from "../src/registry.ts";
import type { SchemeVerifier } from "../src/scheme.ts";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));
/** The registry names the schemes (that is its job); index.ts re-exports their option types. */
const ALLOWED_TO_NAME_SCHEMES = new Set(["registry.ts", "index.ts"]);

/** The code of a module without its comments (which may well name a scheme to explain a rule). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

/** Where a general module's code names a scheme. */
function schemeNames(text: string): string[] {
  return code(text).match(/acepanel|opterius/gi) ?? [];
}

describe("the general modules name no scheme", () => {
  it("catches a scheme named in code, not in a comment", () => {
    expect(schemeNames('// acepanel reads this\nconst x = 1;')).toEqual([]);
    expect(schemeNames('/** opterius-panel only */\nconst y = 2;')).toEqual([]);
    expect(schemeNames('if (scheme === "acepanel") return;')).toEqual(["acepanel"]);
    expect(schemeNames("import { x } from './schemes/opterius-agent.ts';")).toEqual(["opterius"]);
  });

  for (const file of readdirSync(SRC).filter((f) => f.endsWith(".ts") && !ALLOWED_TO_NAME_SCHEMES.has(f))) {
    it(file, () => {
      expect(schemeNames(readFileSync(SRC + file, "utf8"))).toEqual([]);
    });
  }
});

describe("the registry", () => {
  it("has a signer and a verifier for every scheme, and nothing else", () => {
    expect(Object.keys(SIGNERS).sort()).toEqual([...SCHEME_IDS].sort());
    expect(Object.keys(VERIFIERS).sort()).toEqual([...SCHEME_IDS].sort());
    expect([...SCHEME_IDS].sort()).toEqual(["acepanel", "opterius-agent", "opterius-panel"]);
  });

  it("gives every verifier answers for the outcomes every receiver shares", () => {
    for (const id of SCHEME_IDS) {
      const verifier: SchemeVerifier = VERIFIERS[id];
      // Hand-known: Go's 400 for an undecodable path, 413 over the limit, 400 for a broken-off body.
      expect(verifier.answer("bad_path", verifier.settings(settingsFor(id)), "")).toMatchObject({ status: 400, message: "400 Bad Request" });
      expect(verifier.answer("body_too_large", verifier.settings(settingsFor(id)), "")).toMatchObject({ error: "body_too_large", status: 413 });
      expect(verifier.answer("body_incomplete", verifier.settings(settingsFor(id)), "")).toMatchObject({ error: "body_incomplete", status: 400 });
    }
  });
});

function settingsFor(id: string): Record<string, unknown> {
  return id === "acepanel" ? { token: () => undefined } : { secret: "s" };
}
