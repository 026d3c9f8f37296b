// The exact bytes a scheme MACs, shown as text when they are UTF-8 and as base64 otherwise
// (a binary body inside the string to sign), so that no intermediate is ever shown lossily.
// The answer is frozen: every caller spreads it into its own result (`{ ...shown, signature }`),
// and Node 20's V8 copies a frozen object that way in ~50 ns, an unfrozen literal in ~0.3 µs.

import { binaryStringToBytes, concatBytes, isAscii, toBase64, utf8Text } from "./bytes.ts";

export function showSignedBytes(bytes: Uint8Array): Readonly<{ stringToSign: string } | { stringToSignBase64: string }> {
  const text = utf8Text(bytes);
  return Object.freeze(text === undefined ? { stringToSignBase64: toBase64(bytes) } : { stringToSign: text });
}

/**
 * What an Opterius scheme MACs, a prefix (one char per byte) and the body, shown. When the body's
 * own text is at hand (a case object's body) and the prefix is ASCII, that is the prefix and the
 * text side by side: no body-sized copy is made or decoded.
 */
export function showPrefixedBody(prefix: string, body: Uint8Array, bodyText: string | undefined): Readonly<{ stringToSign: string } | { stringToSignBase64: string }> {
  if (bodyText !== undefined && isAscii(prefix)) return { stringToSign: prefix + bodyText };
  return showSignedBytes(concatBytes(binaryStringToBytes(prefix), body));
}
