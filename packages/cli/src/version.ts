// The versions `panelsig --version` prints, written by scripts/sync-jsr-versions.ts (part of
// `npm run version-packages`) from packages/cli/package.json and packages/vectors/package.json,
// and checked against them by test/version.test.ts. A constant, not a read of package.json: the
// JSR package has no package.json. The corpus is the one this CLI was released with: the CLI
// depends on exactly that version of @panelsig/vectors.
export const CLI_VERSION = "0.0.0";
export const CORPUS_VERSION = "0.0.0";
