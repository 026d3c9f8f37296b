// Fastify 5: await app.register(panelsig(options)). Verifies in the preParsing hook, where the body
// is still the raw stream, then hands Fastify's content-type parsers the verified bytes. A rejected
// request gets the real receiver's exact status, headers and body (written on the raw response:
// Fastify would add a content type to an empty answer); an accepted one has request.panelsig.

/**
 * panelsig's verifier as a Fastify 5 plugin.
 *
 * @module @panelsig/middleware/fastify
 */

import type { FastifyPluginCallback, FastifyReply } from "fastify";
import { PassThrough } from "node:stream";
import type { Rejection, VerifiedRequest } from "@panelsig/core";
import { failureRejection } from "./failure.ts";
import { verifyNodeBody } from "./node-body.ts";
import { readMiddlewareOptions, type OnErrorOption, type PanelsigVerifyOptions } from "./options.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** Set by @panelsig/middleware once the request is verified; `body` holds the verified bytes. */
    panelsig?: VerifiedRequest;
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
 * const options: PanelsigFastifyOptions = {
 *   scheme: "acepanel",
 *   token: async (keyId) => (keyId === "16" ? { secret: process.env.ACE_SECRET! } : undefined),
 *   entrance: "/entrance",
 * };
 * ```
 */
export type PanelsigFastifyOptions = PanelsigVerifyOptions & OnErrorOption;

/**
 * A Fastify plugin verifying every request of the context it is registered in (and its children),
 * with @panelsig/node's verifyNodeRequest. Fastify's own bodyLimit (1 MiB by default) still applies
 * to the verified body after maxBodyBytes (10 MiB by default): keep them in step. An accepted
 * request has `request.panelsig` (the verify result). Throws a PanelsigError (`invalid_option`) for a bad option.
 *
 * @example
 * ```ts
 * import Fastify from "fastify";
 * import { panelsig } from "@panelsig/middleware/fastify";
 *
 * const app = Fastify();
 * await app.register(panelsig({ scheme: "opterius-agent", secret: process.env.AGENT_SECRET! }));
 * app.post("/account/create", async (request) => ({ created: (request.body as { username: string }).username }));
 * await app.listen({ port: 7443, host: "127.0.0.1" });
 * ```
 */
export function panelsig(options: PanelsigFastifyOptions): FastifyPluginCallback {
  const { verifyOptions, onError } = readMiddlewareOptions(options, []);
  const plugin: FastifyPluginCallback = (fastify, _options, done) => {
    if (!fastify.hasRequestDecorator("panelsig")) fastify.decorateRequest("panelsig", undefined);
    // Callback style: a hook that answers must not call done (an async hook's return would go on).
    fastify.addHook("preParsing", (request, reply, payload, next) => {
      verifyNodeBody(request.raw, verifyOptions, request.raw.url, payload)
        .then((result) => {
          if (!result.valid) return send(reply, result.rejection!);
          request.panelsig = result;
          const verified = new PassThrough();
          verified.end(result.body ?? new Uint8Array(0));
          next(null, Object.assign(verified, { receivedEncodedLength: result.body?.length ?? 0 }));
        })
        // Whatever threw, verifying or after, is answered here: nothing is left unhandled.
        .catch((error: unknown) => {
          onError(error);
          if (!reply.sent) send(reply, failureRejection(verifyOptions.scheme, error));
        });
    });
    done();
  };
  // Like fastify-plugin: the hook applies where the plugin is registered, not in a closed scope of its own.
  return Object.assign(plugin, { [Symbol.for("skip-override")]: true, [Symbol.for("fastify.display-name")]: "@panelsig/middleware" });
}

function send(reply: FastifyReply, rejection: Rejection): void {
  reply.hijack();
  // entranceError "close": the real receiver closes the connection without an answer.
  if (rejection.close) return void reply.raw.destroy();
  reply.raw.writeHead(rejection.status, rejection.headers).end(rejection.body);
}
