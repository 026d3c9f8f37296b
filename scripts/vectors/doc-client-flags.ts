// The DocClient* flags: which of the documentation's example clients (doc-clients.ts) get each
// vector wrong, decided from the vector's own case and expected values so that anyone can
// re-derive them. A sign vector: the client would not send the vector's request (another method,
// body or X-Timestamp text) or would sign it otherwise. A verify vector: checking the signature
// the client's way judges it otherwise than the receiver (accepts the signature the receiver
// refuses, or refuses the one it accepts).

import { bodyBytes, hmacHex, HTTP_SPACE_AROUND, type HeaderPair, type SchemeVector } from "./build.ts";
import { aceGo, aceJava, aceNode, acePhp, acePython, agentPython, CannotSign, panelFormula, type ClientRequest, type DocClient } from "./doc-clients.ts";
import type { FlagName } from "./flags.ts";

const CLIENTS: Record<string, [FlagName, DocClient][]> = {
  acepanel: [
    ["DocClientPhp", acePhp],
    ["DocClientPython", acePython],
    ["DocClientNode", aceNode],
    ["DocClientJava", aceJava],
    ["DocClientGo", aceGo],
  ],
  "opterius-agent": [["DocClientAgentPython", agentPython]],
  "opterius-panel": [["DocClientPanelFormula", panelFormula]],
};

/** The vectors with the flag of every example client that gets them wrong appended. */
export function withDocClientFlags(scheme: string, vectors: SchemeVector[]): SchemeVector[] {
  const clients = CLIENTS[scheme] ?? [];
  return vectors.map((vector) => {
    const wrong = clients.filter(([, client]) => getsWrong(client, vector)).map(([flag]) => flag);
    return wrong.length ? { ...vector, flags: [...vector.flags, ...wrong] } : vector;
  });
}

function getsWrong(client: DocClient, vector: SchemeVector): boolean {
  // What each example's HTTP library does with a "#" in the URL is not modelled: no claim either way.
  if (vector.flags.includes("FragmentInTarget")) return false;
  const { request, credentials } = vector.case;
  const body = bodyBytes(request);
  const signature = (timestamp: string) => signedBy(client, credentials.secret, { method: request.method, url: request.url, body, timestamp });
  if ("result" in vector) {
    const expected = vector.expected.expectedSignature;
    const timestamp = first(request.headers, "x-timestamp");
    const sent = sentSignature(vector.case.scheme, request.headers);
    if (expected === undefined || !timestamp || sent === undefined) return false;
    return (sent === expected) !== (sent === signature(timestamp));
  }
  let timestamp: string;
  try {
    timestamp = client.timestamp(vector.case.timestamp!);
  } catch (error) {
    if (error instanceof CannotSign) return true; // it cannot send this timestamp text at all
    throw error;
  }
  const sent = client.sent(request.method, body);
  if (timestamp !== vector.case.timestamp || sent.method !== request.method || !sent.body.equals(body)) return true;
  return signature(timestamp) !== vector.expected.signature;
}

/** The client's signature, or undefined when it cannot sign the request. */
function signedBy(client: DocClient, secret: string, request: ClientRequest): string | undefined {
  try {
    return hmacHex(secret, client.signs(request));
  } catch (error) {
    if (error instanceof CannotSign) return undefined;
    throw error;
  }
}

/** A header's first value, without the spaces and tabs around it. */
function first(headers: HeaderPair[] | undefined, name: string): string | undefined {
  return headers?.find(([n]) => n.toLowerCase() === name)?.[1].replace(HTTP_SPACE_AROUND, "");
}

/** The signature the request carries: AcePanel's Signature= field, else X-Signature. */
function sentSignature(scheme: string, headers: HeaderPair[] | undefined): string | undefined {
  if (scheme !== "acepanel") return first(headers, "x-signature");
  return /Signature=(\S*)/.exec(first(headers, "authorization") ?? "")?.[1];
}
