// The exact bytes a scheme MACs, shown as text when they are UTF-8 and as base64 otherwise
// (a binary body inside the string to sign), so that no intermediate is ever shown lossily.

import { toBase64, utf8Text } from "./bytes.ts";

export function showSignedBytes(bytes: Uint8Array): { stringToSign: string } | { stringToSignBase64: string } {
  const text = utf8Text(bytes);
  return text === undefined ? { stringToSignBase64: toBase64(bytes) } : { stringToSign: text };
}
