// Hono 4: app.use(panelsig(options)) on any runtime Hono runs on (Node through @hono/node-server,
// Deno, Bun, Workers). A rejected request gets the real receiver's status, headers and body; an
// accepted one goes on with c.get("panelsig") (the verify result, its body the verified bytes),
// and c.req.json(), c.req.text()... read those same bytes.

import type { Context, MiddlewareHandler } from "hono";
import { PanelsigError, type Rejection, type VerifiedRequest, type VerifyRequestOptions } from "@panelsig/core";
import { verifyRequest as webcryptoVerifyRequest } from "@panelsig/webcrypto";
import { failureRejection } from "./failure.ts";
import { readMiddlewareOptions, type OnErrorOption, type PanelsigVerifyOptions } from "./options.ts";

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

/** What the middleware sets: `new Hono<PanelsigEnv>()` types c.get("panelsig"). */
export type PanelsigEnv = { Variables: { panelsig: VerifiedRequest } };

/** Hono middleware verifying every request it sees. */
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
