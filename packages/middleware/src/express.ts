// Express 5: app.use(panelsig(options)) before any body parser. A rejected request gets the real
// receiver's status, headers and body; an accepted one goes on with req.panelsig (the verify
// result, its body the verified bytes) and a request stream that body parsers can read again.

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

export type PanelsigExpressOptions = PanelsigVerifyOptions & OnErrorOption;

/** Express middleware verifying every request it sees with @panelsig/node's verifyNodeRequest. */
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
