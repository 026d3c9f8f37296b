// What a scheme module gives the rest of panelsig. Core's general modules (case.ts, sign.ts,
// verify*.ts, messages.ts) name no scheme: they look the scheme up in registry.ts and use these
// two parts. A scheme exports its signer apart from its verifier so that a bundle of `sign` alone
// carries no verifier code (tree-shaking keeps only what `sign` reaches).

import type { BodyLimits } from "./body.ts";
import type { ReadCase } from "./case.ts";
import type { HttpMessage } from "./http-message.ts";
import type { Answer, Outcome } from "./messages.ts";
import type { CryptoProvider, MaybePromise, SigningProvider } from "./provider.ts";
import type { ReplayStore } from "./replay.ts";
import type { Diagnosis, SignOptions, SignResult, UncheckedReason, VerifyContext } from "./types.ts";

/**
 * What an option's value must be (said in the error) and the check it must pass; null for an
 * option the scheme's settings() checks itself (a secret, with its own error code).
 */
export type OptionRule = readonly [what: string, ok: (value: unknown) => boolean] | null;

export interface SchemeSigner {
  /** The case options (case.options) this scheme's signer takes, each with its rule. */
  signOptions: Readonly<Record<string, OptionRule>>;
  /** Signs a case already read and checked (case.ts); throws a PanelsigError for what only the scheme can check. */
  sign(provider: SigningProvider, c: ReadCase): MaybePromise<SignResult>;
}

/** A case's credentials, read: the secret as checked text (its UTF-8 is the HMAC key; case.ts checkSecret). */
export interface ReadCredentials {
  secret: string;
  /** credentials.keyId as given (checked by the scheme that needs it). */
  keyId: unknown;
}

/** The verifier settings every scheme shares, read once from the options (verify-options.ts). */
export interface CommonSettings {
  /** The receiver's clock for this request, Unix seconds. */
  now: number;
  limits: BodyLimits;
  diagnose: boolean;
}

export interface SchemeVerifier<Own = unknown, Options = unknown> {
  /** Type only, never set: the scheme's verify options (registry.ts builds VerifyOptions from it). */
  readonly optionsType?: Options;
  /** The verify options this scheme takes beyond the common ones, each with its rule. */
  options: Readonly<Record<string, OptionRule>>;
  /** This scheme's settings from its options (each already passed its rule): required ones checked, defaults filled in. */
  settings(options: Readonly<Record<string, unknown>>): Own;
  /**
   * This scheme's settings for a case's receiver: its credentials and context (already checked by
   * verify.ts), and the replay store the context or the caller gives (only to a scheme that takes one).
   */
  caseSettings(credentials: ReadCredentials, context: VerifyContext, replayStore: ReplayStore | undefined): Own;
  /** The receiver's checks in its order; the first failure is the verdict. Never throws for what the client sent. */
  verify(provider: CryptoProvider, message: HttpMessage, common: CommonSettings, own: Own): Promise<Verdict>;
  /** The reason code, status and message the receiver answers an outcome with (`detail` fills the message). */
  answer(outcome: Outcome, own: Own, detail: string): Answer;
  /** The receiver's error response body for a message, and its content type. */
  errorBody(message: string): { contentType: string; body: string };
  /** What a client must sign, one sentence (serve's report on a signature mismatch). */
  howToSign: string;
  /** The receiver that accepts what this scheme's signer made of `timestamp` and `options`: its clock at that timestamp, and the options both sides share. */
  contextAtSigning(timestamp: string, options: SignOptions): VerifyContext;
}

/** A scheme's answer: no outcome means valid. `detail` fills the message (Go's scan error, the client ip). */
export interface Verdict {
  outcome?: Outcome;
  detail?: string;
  /** Valid without any signature check, and why (acepanel's public and non-API paths). */
  unchecked?: UncheckedReason;
  canonicalRequest?: string;
  stringToSign?: string;
  stringToSignBase64?: string;
  expectedSignature?: string;
  /** The body bytes, when the caller asked to keep them and the verifier read them. */
  body?: Uint8Array;
  /** On signature_mismatch: names the client's mistake when a known one reproduces its signature (diagnosis.ts). */
  diagnose?: () => Promise<Diagnosis | undefined>;
}
