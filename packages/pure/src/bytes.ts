// The hash functions take bytes and nothing else. A string, an array of numbers or an ArrayBuffer
// would otherwise be read through `.length` and indexing and hash to a wrong digest without a
// word (`sha256("abc")` hashed three zero bytes), so each public entry refuses them first.
import { PanelsigError } from "@panelsig/core";

/**
 * Throws a PanelsigError ("invalid_bytes", `field`) unless `value` is a Uint8Array (a Node Buffer
 * is one). The usual case costs one `instanceof`; a Uint8Array from another realm (an iframe, a
 * vm context) is recognised by its constructor's name, as @noble/hashes does.
 */
export function assertBytes(value: unknown, field: string): asserts value is Uint8Array {
  if (value instanceof Uint8Array) return;
  if (ArrayBuffer.isView(value) && value.constructor?.name === "Uint8Array") return;
  throw new PanelsigError("invalid_bytes", field, `must be a Uint8Array, not ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return "a string (encode text first: new TextEncoder().encode(text))";
  if (typeof value !== "object") return `a ${typeof value}`;
  const name = (value as object).constructor?.name;
  return name ? `${/^[AEIOU]/.test(name) ? "an" : "a"} ${name}` : "an object";
}
