// The client's mistake behind a wrong signature: when an implementation signs a sign vector's
// request with another signature, the request is replayed to panelsig's own verifier with that
// signature in place, and its diagnosis (an exact HMAC match with a known client mistake, never a
// guess) says what the implementation got wrong. Used by `panelsig check` for adapters.

import { contextAtSigning, verifyWith, type Diagnosis } from "@panelsig/core";
import { pureProvider } from "@panelsig/pure";
import { toCase, type SignVector } from "@panelsig/vectors";

/** The diagnosis of `signature` given for the vector's request, or undefined when no known mistake explains it. */
export async function diagnoseSignature(vector: SignVector, signature: string): Promise<Diagnosis | undefined> {
  if (signature === vector.expected.signature || !/^[0-9a-fA-F]{64}$/.test(signature)) return undefined;
  const c = toCase(vector);
  const timestamp = String(c.timestamp);
  // The headers the vector expects, carrying the implementation's signature instead.
  const headers = vector.expected.headers.map(([name, value]): [string, string] => [name, value.replace(vector.expected.signature, signature)]);
  const context = contextAtSigning(c.scheme, timestamp, c.options ?? {});
  const result = await verifyWith(pureProvider, { scheme: c.scheme, request: { ...c.request, headers }, credentials: c.credentials, context });
  return result.diagnosis;
}
