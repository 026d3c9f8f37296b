// How client libraries re-serialise a JSON body, for the diagnosis of a client that signed other
// bytes than it sent: JavaScript's JSON.stringify, PHP's json_encode (no flags) and Python's
// json.dumps (defaults), and a JSON string literal encoded once more or once less. Each form is
// rebuilt from the parsed body; the diagnosis keeps only a form that reproduces the signature
// exactly, so a form this cannot rebuild perfectly (integer-like keys, PHP's 1.0e+25) is only
// never reported, never misreported.

import { utf8, utf8Text } from "./bytes.ts";

export interface BodyForm {
  mistake: string;
  summary: string;
  body: Uint8Array;
}

/** The other forms of a JSON body that a client may have signed; none when it is not JSON. */
export function jsonBodyMistakes(body: Uint8Array): BodyForm[] {
  const text = utf8Text(body);
  if (text === undefined || text.trim() === "") return [];
  try {
    return forms(text, JSON.parse(text));
  } catch {
    // Not JSON, or nested too deep for the encoders' recursion (a RangeError): no body mistake to try.
    return [];
  }
}

function forms(text: string, value: unknown): BodyForm[] {
  const forms: [string, string, string][] = [
    ["body-reserialised-js", JSON.stringify(value), "your client signed the body as JSON.stringify writes it, but sent other bytes; sign the exact bytes you send"],
    ["body-reserialised-php", phpJson(value), "your client signed the body as PHP json_encode writes it (\\/ and \\u escapes), but sent other bytes; sign the exact bytes you send"],
    ["body-reserialised-python", pythonJson(value), 'your client signed the body as Python json.dumps writes it (", " and ": " separators), but sent other bytes; sign the exact bytes you send'],
    ["body-signed-as-json-string", JSON.stringify(text), "your client signed the body encoded once more as a JSON string, but sent it as it is; sign the exact bytes you send"],
  ];
  if (typeof value === "string") {
    forms.push(["body-sent-as-json-string", value, "your HTTP library re-encoded the body (a string) as a JSON string literal before sending it; the client signed the string itself"]);
  }
  return forms.filter(([, form]) => form !== text).map(([mistake, form, summary]) => ({ mistake, summary, body: utf8(form) }));
}

/** PHP json_encode without flags: "/" as "\/", every non-ASCII UTF-16 unit as lower-case \uXXXX. */
function phpJson(value: unknown): string {
  return encode(value, ",", ":", (s) => escapeString(s, true, true));
}

/** Python json.dumps defaults: ", " and ": " separators, ensure_ascii (lower-case \uXXXX), "/" as it is. */
function pythonJson(value: unknown): string {
  return encode(value, ", ", ": ", (s) => escapeString(s, true, false));
}

function encode(value: unknown, comma: string, colon: string, str: (s: string) => string): string {
  if (value === null || typeof value === "boolean" || typeof value === "number") return JSON.stringify(value);
  if (typeof value === "string") return str(value);
  if (Array.isArray(value)) return `[${value.map((v) => encode(v, comma, colon, str)).join(comma)}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => str(k) + colon + encode(v, comma, colon, str)).join(comma)}}`;
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeString(s: string, asciiOnly: boolean, slash: boolean): string {
  let out = '"';
  for (const c of s) {
    for (let i = 0; i < c.length; i++) {
      const unit = c.charCodeAt(i);
      const ch = c[i]!;
      if (SHORT_ESCAPES[ch]) out += SHORT_ESCAPES[ch];
      else if (ch === "/" && slash) out += "\\/";
      else if (unit < 0x20 || (asciiOnly && unit >= 0x80)) out += "\\u" + unit.toString(16).padStart(4, "0");
      else out += ch;
    }
  }
  return out + '"';
}
