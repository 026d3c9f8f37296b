/**
 * The three schemes as pure functions over a crypto provider, the shared types of the contract,
 * and typed errors; no dependencies. Most users want a provider package instead:
 * `@panelsig/node`, `@panelsig/webcrypto` or `@panelsig/pure`, which bind these functions to one.
 *
 * @module @panelsig/core
 */

export type { CryptoProvider, DigestPart, MaybePromise, Sha256Hash, SigningProvider } from "./provider.ts";
export type * from "./types.ts";
export { SCHEME_IDS, type VerifyOptions } from "./registry.ts";
export { PanelsigError, type PanelsigErrorCode } from "./errors.ts";
export { bindSign, bindVerify, bindVerifyRequest, type Sign, type Verify, type VerifyRequest } from "./bind.ts";
export { signWith } from "./sign.ts";
export { caseReceiverWith, verifyWith, type CaseReceiver, type VerifyCaseOptions } from "./verify.ts";
export { verifyRequestWith, type VerifyRequestOptions } from "./verify-request.ts";
export { prepareVerifier, verifyHttpWith, type VerifiedRequest } from "./verify-http.ts";
export type { CommonVerifyOptions } from "./verify-options.ts";
export type { AcepanelToken, AcepanelVerifyOptions, EntranceError } from "./schemes/acepanel.ts";
export type { OpteriusAgentVerifyOptions } from "./schemes/opterius-agent.ts";
export type { OpteriusPanelVerifyOptions } from "./schemes/opterius-panel.ts";
export type { HttpMessage } from "./http-message.ts";
export { headerValue, peerAddress } from "./http-message.ts";
export type { BodySource } from "./body.ts";
export { contextAtSigning, errorRejection, howToSign } from "./verify-http.ts";
export type { Locale, Rejection } from "./messages.ts";
export { MemoryReplayStore, type ReplayStore } from "./replay.ts";
export { createHmacSha256, type HmacStream } from "./hmac-stream.ts";
export { goSscanf, type ScanResult } from "./go-scan.ts";
export { ipAllowed, parseIp, requestIp } from "./ip-whitelist.ts";
export { canonicalQuery } from "./go-url.ts";
export { acepanelTimestampValue } from "./schemes/acepanel.ts";
export { parseRfc3339 } from "./rfc3339.ts";
export { fromBase64, toBase64, toHex, utf8, timingSafeEqualText } from "./bytes.ts";
