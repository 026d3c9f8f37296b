// A readable difference between an expected and an actual value: the first line that differs,
// both versions with invisible characters made visible, and a caret under the first character
// that differs. Used wherever panelsig tells a person why their value is wrong.

import { visibleLine } from "./explain.ts";

/** Lines describing where `actual` first differs from `expected` (empty when they are equal). */
export function showDifference(expected: string, actual: string, indent = "    "): string[] {
  if (expected === actual) return [];
  const e = expected.split("\n");
  const a = actual.split("\n");
  let line = 0;
  while (line < e.length && line < a.length && e[line] === a[line]) line++;
  const out: string[] = [];
  if (e.length > 1 || a.length > 1) {
    out.push(`${indent}line ${line + 1} of ${e.length} differs${line > 0 ? ` (line ${line} is ${visibleLine(e[line - 1]!)}⏎)` : ""}:`);
  }
  const eLine = e[line];
  const aLine = a[line];
  const ending = (lines: string[]) => (line < lines.length - 1 ? "⏎" : "");
  const shownE = eLine === undefined ? "(no such line: the expected value ends earlier)" : visibleLine(eLine) + ending(e);
  const shownA = aLine === undefined ? "(no such line: the value ends earlier)" : visibleLine(aLine) + ending(a);
  out.push(`${indent}expected: ${shownE}`, `${indent}actual:   ${shownA}`);
  if (eLine !== undefined && aLine !== undefined) {
    let at = 0;
    while (at < eLine.length && at < aLine.length && eLine[at] === aLine[at]) at++;
    if (at > 0) out.push(`${indent}          ${" ".repeat(visibleLine(eLine.slice(0, at)).length)}^ first difference at character ${at + 1}`);
  }
  return out;
}
