// The exact bytes a scheme MACs, shown as text when they are UTF-8 and as base64 otherwise
// (a binary body inside the string to sign), so that no intermediate is ever shown lossily.
// The answer is frozen: every caller spreads it into its own result (`{ ...shown, signature }`),
// and Node 20's V8 copies a frozen object that way in ~50 ns, an unfrozen literal in ~0.3 µs.

import { binaryStringToBytes, concatBytes, isAscii, toBase64, utf8, utf8Text } from "./bytes.ts";

export function showSignedBytes(bytes: Uint8Array): Readonly<{ stringToSign: string } | { stringToSignBase64: string }> {
  const text = utf8Text(bytes);
  return Object.freeze(text === undefined ? { stringToSignBase64: toBase64(bytes) } : { stringToSign: text });
}

/**
 * What an Opterius scheme MACs, a prefix (one char per byte) and the body, shown in `into` (as
 * stringToSign or stringToSignBase64). Given the body's own text (a case object's body) or no body,
 * and an ASCII prefix, that is the prefix and the text side by side: nothing is copied or decoded.
 */
export function showPrefixedBody<T extends { stringToSign?: string; stringToSignBase64?: string }>(into: T, prefix: string, body: string | Uint8Array): T {
  if ((typeof body === "string" || body.length === 0) && isAscii(prefix)) {
    into.stringToSign = typeof body === "string" ? prefix + body : prefix;
    return into;
  }
  return Object.assign(into, showSignedBytes(concatBytes(binaryStringToBytes(prefix), typeof body === "string" ? utf8(body) : body)));
}
