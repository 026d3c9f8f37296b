// The options every framework's panelsig(options) takes: verifyRequest's own (scheme, secret or
// token lookup, entrance, replayStore, maxBodyBytes, ...) and onError. keepBody is not one: the
// middleware always keeps the verified body, since it must hand it on to the route.

import { PanelsigError, type VerifyOptions } from "@panelsig/core";

type WithoutKeepBody<T> = T extends unknown ? Omit<T, "keepBody"> : never;

/** verifyRequest's options, less keepBody. */
export type PanelsigVerifyOptions = WithoutKeepBody<VerifyOptions>;

export interface OnErrorOption {
  /**
   * Told when a request could not be verified at all — the replay store unreachable (answered
   * 503), a token lookup that threw, a mistake in the options (answered 500). Default: one line on
   * console.error naming the error, never a secret, a signature or a body.
   */
  onError?: (error: unknown) => void;
}

/** The middleware's own options, split from those handed to the verifier. */
export function readMiddlewareOptions<O extends OnErrorOption & PanelsigVerifyOptions, K extends keyof O>(
  options: O,
  own: readonly K[],
): { verifyOptions: VerifyOptions; onError: (error: unknown) => void; own: Pick<O, K> } {
  if (options === null || typeof options !== "object") {
    throw new PanelsigError("invalid_option", "options", "must be an object with at least the scheme and its secret (or token lookup)");
  }
  if (options.onError !== undefined && typeof options.onError !== "function") throw new PanelsigError("invalid_option", "options.onError", "must be a function");
  if ("keepBody" in options) throw new PanelsigError("invalid_option", "options.keepBody", "is not a middleware option: the verified body is always kept and handed on");
  const rest: Record<string, unknown> = { ...options };
  const picked: Partial<Pick<O, K>> = {};
  for (const key of own) {
    picked[key] = options[key];
    delete rest[key as string];
  }
  delete rest.onError;
  return { verifyOptions: { ...rest, keepBody: true } as VerifyOptions, onError: options.onError ?? logError, own: picked as Pick<O, K> };
}

/** The default onError: the error's name, code and message (panelsig's messages never hold a secret). */
function logError(error: unknown): void {
  const e = error as { name?: unknown; code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? ` [${e.code}]` : "";
  const text = error instanceof Error ? `${error.name}${code}: ${error.message}` : `thrown ${typeof error}`;
  console.error(`panelsig: a request could not be verified: ${text}`);
}
