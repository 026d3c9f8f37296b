// Shows text with nothing hidden: a signature depends on every byte, and the bytes that break it
// are the ones a terminal does not show (a trailing newline, a tab, a non-breaking space, a
// zero-width space, NFC against NFD). Printable ASCII stays as it is; a line feed becomes "⏎" at
// the end of its line; every other character becomes a bracketed code such as ⟨NBSP U+00A0⟩ or
// ⟨ü U+00FC⟩. The markers are themselves non-ASCII, so text containing them is still unambiguous.

const NAMES: Record<number, string> = {
  0x00: "NUL",
  0x09: "TAB",
  0x0d: "CR",
  0x1b: "ESC",
  0x7f: "DEL",
  0xa0: "NBSP",
  0xad: "SOFT HYPHEN",
  0x200b: "ZERO WIDTH SPACE",
  0x200c: "ZWNJ",
  0x200d: "ZWJ",
  0x2028: "LINE SEPARATOR",
  0x2029: "PARAGRAPH SEPARATOR",
  0x2060: "WORD JOINER",
  0xfeff: "BOM",
  0xfffd: "REPLACEMENT CHARACTER",
};

const SHOWN_AS_ITSELF = /^[\p{L}\p{N}\p{P}\p{S}]$/u;

function code(point: number): string {
  return "U+" + point.toString(16).toUpperCase().padStart(4, "0");
}

function visibleChar(char: string): string {
  const point = char.codePointAt(0)!;
  if (point >= 0x20 && point < 0x7f) return char;
  const name = NAMES[point];
  if (name) return `⟨${name} ${code(point)}⟩`;
  if (SHOWN_AS_ITSELF.test(char)) return `⟨${char} ${code(point)}⟩`;
  return `⟨${code(point)}⟩`;
}

/** One line of text with every invisible or non-ASCII character spelled out; "\n" shows as "⏎". */
export function visibleLine(text: string): string {
  let out = "";
  for (const char of text) out += char === "\n" ? "⏎" : visibleChar(char);
  return out;
}

/** The text as lines, each ending in "⏎" where the text has a line feed. */
export function visibleLines(text: string): string[] {
  return text.split("\n").map((line, i, all) => visibleLine(line) + (i < all.length - 1 ? "⏎" : ""));
}

/** Text indented under a heading, one shown line per line of text; "(empty)" for "". */
export function visibleBlock(text: string, indent = "  "): string[] {
  if (text === "") return [`${indent}(empty)`];
  return visibleLines(text).map((line) => indent + line);
}

export interface Intermediates {
  canonicalRequest?: string;
  stringToSign?: string;
  stringToSignBase64?: string;
  signature?: string;
  expectedSignature?: string;
}

/** Every intermediate a result carries, under its name, in the order they are computed. */
export function explainIntermediates(result: Intermediates): string[] {
  const out: string[] = [];
  if (result.canonicalRequest !== undefined) out.push("canonical request:", ...visibleBlock(result.canonicalRequest));
  if (result.stringToSign !== undefined) out.push("string to sign:", ...visibleBlock(result.stringToSign));
  if (result.stringToSignBase64 !== undefined) {
    out.push("string to sign (bytes that are not UTF-8, in base64):", "  " + result.stringToSignBase64);
  }
  if (result.signature !== undefined) out.push(`signature: ${result.signature}`);
  if (result.expectedSignature !== undefined) out.push(`expected signature: ${result.expectedSignature}`);
  return out;
}
