// verifyRequest for Web-standard Requests (Deno.serve, Bun.serve, Hono, Cloudflare Workers, Node's
// fetch). A Request does not know its client's address, so the author passes it (peerAddress).
// The body streams through the hash; it is handed back only when asked for and valid.

import { PanelsigError } from "./errors.ts";
import { toBinaryString } from "./bytes.ts";
import type { CryptoProvider } from "./provider.ts";
import type { HeaderPair } from "./types.ts";
import { verifyHttpWith, type VerifiedRequest } from "./verify-http.ts";
import { optionsObject } from "./verify-options.ts";
import type { VerifyOptions } from "./registry.ts";

/**
 * What `verifyRequest` takes: the scheme's verify options, and the client's address when an
 * AcePanel token has an IP whitelist (a Request does not know it; the server does).
 *
 * @example
 * ```ts
 * // Bun.serve's fetch(request, server):
 * const options: VerifyRequestOptions = {
 *   scheme: "acepanel",
 *   token: (keyId) => (keyId === "16" ? { secret: "YourSecretToken", ipWhitelist: ["203.0.113.0/24"] } : undefined),
 *   entrance: "/entrance",
 *   clientIp: peerAddress(server.requestIP(request)!.address, server.requestIP(request)!.port),
 * };
 * ```
 */
export type VerifyRequestOptions = VerifyOptions & {
  /** The TCP peer ("ip:port" / "[ipv6]:port"), needed when an AcePanel token has an IP whitelist. */
  clientIp?: string;
};

/**
 * Verifies a Web Request. Note what the Request has already changed: its URL is normalised
 * (dot segments resolved, "\" turned into "/"), standard method names are upper-cased and
 * repeated headers are joined with ", ". Go servers see none of that; verifyNodeRequest does not either.
 * The provider packages' `verifyRequest` is this, bound to their provider.
 *
 * @example
 * ```ts
 * import { verifyRequestWith } from "@panelsig/core";
 * import { webcryptoProvider } from "@panelsig/webcrypto";
 *
 * export default {
 *   async fetch(request: Request): Promise<Response> {
 *     const r = await verifyRequestWith(webcryptoProvider, request, { scheme: "opterius-panel", secret: "eyJ-test", keepBody: true });
 *     if (!r.valid) return new Response(r.rejection!.body, r.rejection!);
 *     return Response.json({ received: r.body!.length });
 *   },
 * };
 * ```
 */
export async function verifyRequestWith(provider: CryptoProvider, request: Request, options: VerifyRequestOptions): Promise<VerifiedRequest> {
  // clientIp describes the request, not the verifier: taken out here; the rest is checked as options.
  const { clientIp, ...verifyOptions } = optionsObject(options);
  if (clientIp !== undefined && typeof clientIp !== "string") {
    throw new PanelsigError("invalid_option", "options.clientIp", 'must be the TCP peer as "ip:port" or "[ipv6]:port" (peerAddress builds it)');
  }
  const url = new URL(request.url);
  const headers: HeaderPair[] = [];
  request.headers.forEach((value, name) => headers.push([name, value]));
  return verifyHttpWith(provider, {
    method: request.method,
    target: url.pathname + url.search,
    headers,
    body: request.body ?? new Uint8Array(0),
    clientIp: clientIp === undefined ? undefined : toBinaryString(clientIp),
  }, verifyOptions as unknown as VerifyOptions);
}
