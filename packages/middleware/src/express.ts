// Express 5: app.use(panelsig(options)) before any body parser. A rejected request gets the real
// receiver's status, headers and body; an accepted one goes on with req.panelsig (the verify
// result, its body the verified bytes) and a request stream that body parsers can read again.

/**
 * panelsig's verifier as Express 5 middleware.
 *
 * @module @panelsig/middleware/express
 */

import type { RequestHandler, Response } from "express";
import type { Rejection, VerifiedRequest } from "@panelsig/core";
import { failureRejection } from "./failure.ts";
import { refill, verifyNodeBody } from "./node-body.ts";
import { readMiddlewareOptions, type OnErrorOption, type PanelsigVerifyOptions } from "./options.ts";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by @panelsig/middleware once the request is verified; `body` holds the verified bytes. */
      panelsig?: VerifiedRequest;
    }
  }
}

/**
 * What {@link panelsig} takes: verifyRequest's options of one scheme (`scheme`, `secret` or
 * acepanel's `token` lookup, `entrance`, `replayStore`, `maxBodyBytes`, ...) less `keepBody` (the
 * verified body is always kept and handed on), plus `onError`, told when a request could not be
 * verified at all (by default one line on console.error, never a secret).
 *
 * @example
 * ```ts
 * const options: PanelsigExpressOptions = {
 *   scheme: "opterius-agent",
 *   secret: process.env.AGENT_SECRET!,
 *   onError: (error) => console.error("panelsig:", error),
 * };
 * ```
 */
export type PanelsigExpressOptions = PanelsigVerifyOptions & OnErrorOption;

/**
 * Express middleware verifying every request it sees with @panelsig/node's verifyNodeRequest,
 * before any body parser. A rejected request gets the real receiver's status, headers and body;
 * an accepted one goes on with `req.panelsig` (the verify result, `body` the verified bytes) and a
 * request stream that body parsers read again. Throws a PanelsigError (`invalid_option`) for a bad option.
 *
 * @example
 * ```ts
 * import express from "express";
 * import { panelsig } from "@panelsig/middleware/express";
 *
 * const app = express();
 * app.use(panelsig({ scheme: "opterius-agent", secret: process.env.AGENT_SECRET! }));
 * app.use(express.json());
 * app.post("/account/create", (req, res) => res.json({ created: req.body.username }));
 * app.listen(7443, "127.0.0.1");
 * ```
 */
export function panelsig(options: PanelsigExpressOptions): RequestHandler {
  const { verifyOptions, onError } = readMiddlewareOptions(options, []);
  return async (req, res, next) => {
    let result: VerifiedRequest;
    try {
      result = await verifyNodeBody(req, verifyOptions, req.originalUrl);
    } catch (error) {
      onError(error);
      return send(res, failureRejection(verifyOptions.scheme, error));
    }
    if (!result.valid) return send(res, result.rejection!);
    refill(req, result.body);
    req.panelsig = result;
    next();
  };
}

function send(res: Response, rejection: Rejection): void {
  if (res.headersSent) return;
  // entranceError "close": the real receiver closes the connection without an answer.
  if (rejection.close) return void res.destroy();
  res.writeHead(rejection.status, rejection.headers).end(rejection.body);
}
