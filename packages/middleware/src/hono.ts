// Hono 4: app.use(panelsig(options)) on any runtime Hono runs on (Node through @hono/node-server,
// Deno, Bun, Workers). A rejected request gets the real receiver's status, headers and body; an
// accepted one goes on with c.get("panelsig") (the verify result, its body the verified bytes),
// and c.req.json(), c.req.text()... read those same bytes.

/**
 * panelsig's verifier as Hono 4 middleware, on every runtime Hono runs on.
 *
 * @module @panelsig/middleware/hono
 */

import type { Context, MiddlewareHandler } from "hono";
import { PanelsigError, type Rejection, type VerifiedRequest, type VerifyRequestOptions } from "@panelsig/core";
import { verifyRequest as webcryptoVerifyRequest } from "@panelsig/webcrypto";
import { failureRejection } from "./failure.ts";
import { readMiddlewareOptions, type OnErrorOption, type PanelsigVerifyOptions } from "./options.ts";

/**
 * What {@link panelsig} takes: verifyRequest's options of one scheme (`scheme`, `secret` or
 * acepanel's `token` lookup, `entrance`, `replayStore`, `maxBodyBytes`, ...) less `keepBody`, plus
 * `onError`, and the provider's `verifyRequest` and the peer's address (`clientIp`) when wanted.
 *
 * @example
 * ```ts
 * import { getConnInfo } from "@hono/node-server/conninfo";
 * import { verifyRequest } from "@panelsig/node";
 *
 * const options: PanelsigHonoOptions = {
 *   scheme: "acepanel",
 *   token: async (keyId) => (keyId === "16" ? { secret: process.env.ACE_SECRET!, ipWhitelist: ["10.0.0.0/8"] } : undefined),
 *   verifyRequest, // node:crypto instead of WebCrypto
 *   clientIp: (c) => `${getConnInfo(c).remote.address}:${getConnInfo(c).remote.port}`,
 * };
 * ```
 */
export type PanelsigHonoOptions = PanelsigVerifyOptions &
  OnErrorOption & {
    /**
     * The provider's verifyRequest (default @panelsig/webcrypto's, which runs wherever Hono does);
     * e.g. `import { verifyRequest } from "@panelsig/node"` for node:crypto.
     */
    verifyRequest?: (request: Request, options: VerifyRequestOptions) => Promise<VerifiedRequest>;
    /**
     * The TCP peer as "ip:port" ("[ipv6]:port"), needed when an AcePanel token has an IP
     * whitelist: a Request does not know it; the runtime's getConnInfo(c) does.
     */
    clientIp?: (c: Context) => string | undefined;
  };

/**
 * What the middleware sets: `new Hono<PanelsigEnv>()` types `c.get("panelsig")`.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * const app = new Hono<PanelsigEnv>();
 * app.use(panelsig({ scheme: "opterius-panel", secret: process.env.PANEL_SECRET! }));
 * app.post("/api/accounts/:id/suspend", (c) => c.json({ verified: c.get("panelsig").valid })); // true
 * ```
 */
export type PanelsigEnv = {
  /** Hono's per-request variables. */
  Variables: {
    /** The verify result of the request (its `body` holds the verified bytes). */
    panelsig: VerifiedRequest;
  };
};

/**
 * Hono middleware verifying every request it sees, with @panelsig/webcrypto's verifyRequest unless
 * another is given. A rejected request gets the real receiver's status, headers and body; an
 * accepted one goes on with `c.get("panelsig")`, and `c.req.json()`, `c.req.text()`... read the
 * verified bytes. Throws a PanelsigError (`invalid_option`) for a bad option, and for
 * `entranceError: "close"`, which a Web handler cannot do.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { panelsig, type PanelsigEnv } from "@panelsig/middleware/hono";
 *
 * const app = new Hono<PanelsigEnv>();
 * app.use(panelsig({ scheme: "opterius-agent", secret: process.env.AGENT_SECRET! }));
 * app.post("/account/create", async (c) => c.json({ created: (await c.req.json()).username }));
 * export default app; // Deno.serve(app.fetch), Bun, Workers
 * ```
 */
export function panelsig(options: PanelsigHonoOptions): MiddlewareHandler<PanelsigEnv> {
  const { verifyOptions, onError, own } = readMiddlewareOptions(options, ["verifyRequest", "clientIp"]);
  const verify = own.verifyRequest ?? webcryptoVerifyRequest;
  if ((verifyOptions as { entranceError?: string }).entranceError === "close") {
    // A Web handler can only answer with a Response; it cannot drop the connection unanswered.
    throw new PanelsigError("invalid_option", "options.entranceError", 'cannot be "close" with Hono: a Web handler cannot close the connection without an answer (use "418" or "nginx")');
  }
  return async (c, next) => {
    let result: VerifiedRequest;
    try {
      const clientIp = own.clientIp?.(c);
      result = await verify(c.req.raw, clientIp === undefined ? verifyOptions : { ...verifyOptions, clientIp });
    } catch (error) {
      onError(error);
      return respond(failureRejection(verifyOptions.scheme, error));
    }
    if (!result.valid) return respond(result.rejection!);
    // The verifier read the body stream; the route reads the verified bytes instead.
    if (c.req.raw.body !== null) c.req.raw = new Request(c.req.raw, { body: result.body as Uint8Array<ArrayBuffer> });
    c.set("panelsig", result);
    await next();
  };
}

function respond(rejection: Rejection): Response {
  return new Response(rejection.body, { status: rejection.status, headers: rejection.headers });
}
