export type { CryptoProvider, MaybePromise, Sha256Hash } from "./provider.ts";
export type * from "./types.ts";
export { SCHEME_IDS } from "./types.ts";
export { PanelsigError, type PanelsigErrorCode } from "./errors.ts";
export { signWith } from "./sign.ts";
export { canonicalQuery } from "./go-url.ts";
export { acepanelTimestampValue } from "./go-strconv.ts";
export { parseRfc3339 } from "./rfc3339.ts";
export { fromBase64, toBase64, toHex, utf8, timingSafeEqualText } from "./bytes.ts";
