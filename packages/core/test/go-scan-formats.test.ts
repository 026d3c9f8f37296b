// goSscanf on formats other than AcePanel's, each value derived by hand from Go's fmt/scan.go:
// advance (a run of format spaces matches one or more input spaces or the end; a newline in the
// input where a space is due is an error), SkipSpace and notEOF before a verb ("EOF" when nothing
// is left; "unexpected newline"), a literal finding nothing (io.ErrUnexpectedEOF) or something else.
import { describe, expect, it } from "vitest";
import { goSscanf } from "@panelsig/core";

const ok = (...values: string[]) => ({ ok: true, values });
const error = (message: string) => ({ ok: false, error: message });

const table: [format: string, input: string, result: ReturnType<typeof ok> | ReturnType<typeof error>][] = [
  ["%s", "abc", ok("abc")],
  ["%s", "  abc  def", ok("abc")],
  ["%s", "ab\ncd", ok("ab")],
  ["%s", "\nabc", error("unexpected newline")],
  ["%s", "", error("EOF")],
  ["%s", "   ", error("EOF")],
  ["%s ", "abc", ok("abc")],
  ["%s ", "abc  ", ok("abc")],
  ["%s  %s", "a b", ok("a", "b")],
  ["%s\t%s", "a \t b", ok("a", "b")],
  ["%s %s", "ab", error("EOF")],
  ["%s %s", "a \nb", error("unexpected newline")],
  ["%s %s", "a\xe2\x80\x80b", ok("a", "b")], // U+2000 as UTF-8
  ["%s %s", "a\xe2\x80b", error("EOF")], // a cut U+2000 is no space: the first %s takes all, nothing is left
  ["%s", "a\xe2\x80b", ok("a\xef\xbf\xbd\xef\xbf\xbdb")], // each bad byte written as U+FFFD
  ["%d", "7", ok("7")],
  ["%d", " 7", ok("7")],
  ["%d", "12x", ok("12")],
  ["%d", "0", ok("0")],
  ["%d", "000", ok("0")],
  ["%d", "", error("EOF")],
  ["%d", "x", error("expected integer")],
  ["%d", "\xff", error("expected integer")],
  ["%d", "/", error("expected integer")],
  ["%d", ":", error("expected integer")],
  ["%d%d", "12", error("EOF")],
  ["%d%s", "12ab", ok("12", "ab")],
  ["%s,%s", "a,b", error("unexpected EOF")],
  ["a%s", "ab", ok("b")],
  ["a%s", "b", error("input does not match format")],
  ["a%s", "", error("unexpected EOF")],
  ["", "abc", ok()],
  [" ", "", ok()],
  [" ", "x", error("expected space in input to match format")],
  [" ", "\n", error("newline in input does not match format")],
  [" %s", "\nabc", error("newline in input does not match format")],
  ["x", "x", ok()],
  ["xy", "xz", error("input does not match format")],
];

describe("goSscanf: formats of literals, spaces, %s and %d", () => {
  for (const [format, input, result] of table) {
    it(`${JSON.stringify(format)} on ${JSON.stringify(input)}`, () => expect(goSscanf(input, format)).toStrictEqual(result));
  }
});
