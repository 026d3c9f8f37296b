// The drift gate's checks: every vector file valid against its schema, its numberOfVectors
// right, tcIds unique across the corpus and never reused, notes matching the flags in use;
// then a readable summary of every difference from the files on disk, and the README's counts
// of the DocClient flags.

import { Ajv2020 } from "ajv/dist/2020.js";
import { VECTOR_FILES } from "./corpus.ts";

interface ParsedVector {
  tcId: number;
  name: string;
  flags: string[];
}

interface ParsedFile {
  numberOfVectors: number;
  notes: Record<string, unknown>;
  vectors: ParsedVector[];
}

/** Problems with the generated corpus itself (empty when it is sound). */
export function checkCorpus(files: Map<string, string>): string[] {
  const problems: string[] = [];
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  const seen = new Map<number, string>();
  for (const info of VECTOR_FILES) {
    const text = files.get(info.path);
    const schemaText = files.get(info.schemaPath);
    if (text === undefined || schemaText === undefined) {
      problems.push(`${info.path}: not generated`);
      continue;
    }
    const data = JSON.parse(text) as ParsedFile;
    const validate = ajv.compile(JSON.parse(schemaText));
    if (!validate(data)) {
      for (const e of (validate.errors ?? []).slice(0, 20)) problems.push(`${info.path}${e.instancePath}: ${e.message} ${JSON.stringify(e.params)}`);
      continue;
    }
    if (data.numberOfVectors !== data.vectors.length) {
      problems.push(`${info.path}: numberOfVectors is ${data.numberOfVectors}, the file has ${data.vectors.length}`);
    }
    const names = new Set<string>();
    const used = new Set<string>();
    for (const v of data.vectors) {
      const other = seen.get(v.tcId);
      if (other) problems.push(`${info.path}: tcId ${v.tcId} is also used in ${other}`);
      seen.set(v.tcId, info.path);
      if (info.retired.includes(v.tcId)) problems.push(`${info.path}: tcId ${v.tcId} was retired and may not be reused`);
      if (names.has(v.name)) problems.push(`${info.path}: the name ${v.name} is used twice`);
      names.add(v.name);
      for (const flag of v.flags) used.add(flag);
    }
    for (const flag of used) if (!(flag in data.notes)) problems.push(`${info.path}: flag ${flag} has no note`);
    for (const flag of Object.keys(data.notes)) if (!used.has(flag)) problems.push(`${info.path}: note ${flag} is used by no vector`);
  }
  return problems;
}

/** Where vectors/README.md's table of DocClient flags gives other counts than the generated files. */
export function checkReadmeFlagCounts(readme: string, files: Map<string, string>): string[] {
  const stated = new Map<string, string>();
  for (const [, flag, path, total, sign, verify] of readme.matchAll(/^\| `(DocClient\w+)` \| `([\w-]+\.json)` \|.*\| (\d+) \((\d+) \+ (\d+)\) \|$/gm)) {
    stated.set(`${flag} in ${path}`, `${total} (${sign} + ${verify})`);
  }
  const counted = new Map<string, { sign: number; verify: number }>();
  for (const info of VECTOR_FILES) {
    const vectors = (JSON.parse(files.get(info.path) ?? '{"vectors":[]}') as { vectors: (ParsedVector & { case?: { op: "sign" | "verify" } })[] }).vectors;
    for (const v of vectors) {
      for (const flag of v.flags.filter((f) => f.startsWith("DocClient"))) {
        const key = `${flag} in ${info.path}`;
        const count = counted.get(key) ?? { sign: 0, verify: 0 };
        count[v.case!.op]++;
        counted.set(key, count);
      }
    }
  }
  const problems: string[] = [];
  for (const [key, { sign, verify }] of counted) {
    const actual = `${sign + verify} (${sign} + ${verify})`;
    if (stated.get(key) !== actual) problems.push(`vectors/README.md: ${key} is carried by ${actual} vectors; the table says ${stated.get(key) ?? "nothing"}`);
  }
  for (const key of stated.keys()) if (!counted.has(key)) problems.push(`vectors/README.md: the table lists ${key}, which no vector carries`);
  return problems;
}

/** Differences between the generated files and the committed ones (empty when they agree). */
export function diffCorpus(generated: Map<string, string>, committed: Map<string, string | undefined>): string[] {
  const lines: string[] = [];
  for (const [path, text] of generated) {
    const old = committed.get(path);
    if (old === text) continue;
    if (old === undefined) {
      lines.push(`${path}: not committed yet (run npm run vectors)`);
      continue;
    }
    const info = VECTOR_FILES.find((f) => f.path === path);
    lines.push(`${path}: differs from the committed file`);
    if (info) lines.push(...describeVectorChanges(info.retired, old, text).map((line) => `  ${line}`));
  }
  for (const [path, old] of committed) {
    if (old !== undefined && !generated.has(path)) lines.push(`${path}: committed but no longer generated`);
  }
  return lines;
}

function describeVectorChanges(retired: readonly number[], oldText: string, newText: string): string[] {
  let before: ParsedFile;
  try {
    before = JSON.parse(oldText) as ParsedFile;
  } catch {
    return ["the committed file is not valid JSON"];
  }
  const after = JSON.parse(newText) as ParsedFile;
  const byId = (file: ParsedFile) => new Map(file.vectors.map((v) => [v.tcId, v]));
  const oldVectors = byId(before);
  const newVectors = byId(after);
  const lines: string[] = [];
  for (const [tcId, v] of newVectors) {
    const old = oldVectors.get(tcId);
    if (!old) lines.push(`added   tcId ${tcId} ${v.name}`);
    else if (JSON.stringify(old) !== JSON.stringify(v)) {
      lines.push(`changed tcId ${tcId} ${v.name}: ${firstDifference(old, v)} (a change to a published vector is a major change of @panelsig/vectors)`);
    }
  }
  for (const [tcId, v] of oldVectors) {
    if (newVectors.has(tcId)) continue;
    const note = retired.includes(tcId) ? "retired" : "removed without being retired: add it to the file's RETIRED list, never reuse it";
    lines.push(`removed tcId ${tcId} ${v.name} (${note})`);
  }
  if (lines.length === 0) lines.push("the vectors are the same; the header (notes, counts) or the formatting differs");
  return lines.length > 40 ? [...lines.slice(0, 40), `… and ${lines.length - 40} more`] : lines;
}

function firstDifference(a: unknown, b: unknown, path = ""): string {
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const x = (a as Record<string, unknown>)[key];
      const y = (b as Record<string, unknown>)[key];
      if (JSON.stringify(x) !== JSON.stringify(y)) return firstDifference(x, y, `${path}/${key}`);
    }
  }
  const show = (v: unknown) => (v === undefined ? "(absent)" : JSON.stringify(v).slice(0, 80));
  return `${path || "/"} was ${show(a)}, is ${show(b)}`;
}
