// Go's fmt.Sscanf(h, "%s Credential=%d, Signature=%s") as the AcePanel server runs it. Expected
// values and error texts are derived by hand from Go's fmt/scan.go (advance, SkipSpace,
// convertString, scanUint) and strconv.ParseUint, and agree with reference/acepanel-server.md
// "Authorization header parsing details". Go tells two ends of input apart: a verb (%s, %d) finding
// nothing is notEOF's io.EOF ("EOF"); a literal finding nothing is io.ErrUnexpectedEOF.
import { describe, expect, it } from "vitest";
import { goSscanf } from "@panelsig/core";

const FORMAT = "%s Credential=%d, Signature=%s";
// Header values reach Go as bytes: UTF-8 text here is written out as one char per byte.
const bytesOf = (text: string) => String.fromCharCode(...new TextEncoder().encode(text));

const accepted: [what: string, header: string, values: [string, string, string]][] = [
  ["the documented form", "HMAC-SHA256 Credential=16, Signature=abc", ["HMAC-SHA256", "16", "abc"]],
  ["extra spaces between fields", "HMAC-SHA256   Credential=16,    Signature=abc", ["HMAC-SHA256", "16", "abc"]],
  ["tabs between fields", "HMAC-SHA256\tCredential=16,\t\tSignature=abc", ["HMAC-SHA256", "16", "abc"]],
  ["a space after Credential=", "HMAC-SHA256 Credential= 16, Signature=abc", ["HMAC-SHA256", "16", "abc"]],
  ["a space after Signature=", "HMAC-SHA256 Credential=16, Signature= abc", ["HMAC-SHA256", "16", "abc"]],
  ["leading white space", "  HMAC-SHA256 Credential=16, Signature=abc", ["HMAC-SHA256", "16", "abc"]],
  ["leading zeros in the id", "HMAC-SHA256 Credential=016, Signature=abc", ["HMAC-SHA256", "16", "abc"]],
  ["a 64-bit id", "HMAC-SHA256 Credential=4294967312, Signature=abc", ["HMAC-SHA256", "4294967312", "abc"]],
  ["the largest uint64", "HMAC-SHA256 Credential=18446744073709551615, Signature=abc", ["HMAC-SHA256", "18446744073709551615", "abc"]],
  ["text after the signature is ignored", "HMAC-SHA256 Credential=16, Signature=abc def", ["HMAC-SHA256", "16", "abc"]],
  ["a trailing comma joins the signature", "HMAC-SHA256 Credential=16, Signature=abc,", ["HMAC-SHA256", "16", "abc,"]],
  ["any algorithm word scans", "hmac-sha256 Credential=16, Signature=abc", ["hmac-sha256", "16", "abc"]],
  ["NBSP (U+00A0) separates", bytesOf("HMAC-SHA256\u00a0Credential=16,\u00a0Signature=abc"), ["HMAC-SHA256", "16", "abc"]],
  ["ideographic space (U+3000) separates", bytesOf("HMAC-SHA256\u3000Credential=16, Signature=abc"), ["HMAC-SHA256", "16", "abc"]],
  ["vertical tab and form feed are space", "HMAC-SHA256\u000bCredential=16,\fSignature=abc", ["HMAC-SHA256", "16", "abc"]],
];

const rejected: [what: string, header: string, error: string][] = [
  ["an empty header", "", "EOF"],
  ["only the algorithm", "HMAC-SHA256", "unexpected EOF"],
  ["the algorithm and a space", "HMAC-SHA256 ", "unexpected EOF"],
  ["no id", "HMAC-SHA256 Credential=", "EOF"],
  ["nothing after the id", "HMAC-SHA256 Credential=16", "unexpected EOF"],
  ["nothing after the comma", "HMAC-SHA256 Credential=16,", "unexpected EOF"],
  ["Signature= with nothing after it", "HMAC-SHA256 Credential=16, Signature=", "EOF"],
  ["no space after the comma", "HMAC-SHA256 Credential=16,Signature=abc", "expected space in input to match format"],
  ["a space before the comma", "HMAC-SHA256 Credential=16 , Signature=abc", "input does not match format"],
  ["lower-case credential=", "HMAC-SHA256 credential=16, Signature=abc", "input does not match format"],
  ["lower-case signature=", "HMAC-SHA256 Credential=16, signature=abc", "input does not match format"],
  ["fields reordered", "HMAC-SHA256 Signature=abc, Credential=16", "input does not match format"],
  ["no space after the algorithm", "HMAC-SHA256,Credential=16, Signature=abc", "input does not match format"],
  ["a + sign", "HMAC-SHA256 Credential=+16, Signature=abc", "expected integer"],
  ["a - sign", "HMAC-SHA256 Credential=-16, Signature=abc", "expected integer"],
  ["letters", "HMAC-SHA256 Credential=abc, Signature=abc", "expected integer"],
  ["hex", "HMAC-SHA256 Credential=0x10, Signature=abc", "input does not match format"],
  ["digit separators", "HMAC-SHA256 Credential=1_6, Signature=abc", "input does not match format"],
  ["beyond 64 bits", "HMAC-SHA256 Credential=18446744073709551616, Signature=abc", 'strconv.ParseUint: parsing "18446744073709551616": value out of range'],
  ["a byte 0xA0 alone is not UTF-8, so not a space", "HMAC-SHA256\xa0Credential=16, Signature=abc", "input does not match format"],
  ["a newline where a space is expected", "HMAC-SHA256\nCredential=16, Signature=abc", "newline in input does not match format"],
  ["a newline before a number", "HMAC-SHA256 Credential=\n16, Signature=abc", "unexpected newline"],
];

describe("goSscanf: the Authorization format", () => {
  for (const [what, header, values] of accepted) {
    it(`accepts ${what}`, () => expect(goSscanf(header, FORMAT)).toStrictEqual({ ok: true, values }));
  }
  for (const [what, header, error] of rejected) {
    it(`rejects ${what}: ${error}`, () => expect(goSscanf(header, FORMAT)).toStrictEqual({ ok: false, error }));
  }
  it("a byte that is not UTF-8 inside a word becomes U+FFFD, as Go writes it", () => {
    expect(goSscanf("HMAC\xffSHA256 Credential=16, Signature=abc", FORMAT)).toStrictEqual({
      ok: true,
      values: ["HMAC\xef\xbf\xbdSHA256", "16", "abc"],
    });
  });
  it("valid multi-byte text inside a word is kept byte for byte", () => {
    const signature = bytesOf("中");
    expect(goSscanf(`HMAC-SHA256 Credential=16, Signature=${signature}`, FORMAT)).toStrictEqual({
      ok: true,
      values: ["HMAC-SHA256", "16", signature],
    });
  });
});
