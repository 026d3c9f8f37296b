// sign(provider, case): reads the case once, then hands it to its scheme's signer. Not an async
// function: a scheme that finishes synchronously (on a synchronous provider) costs no extra tick.

import { readCase } from "./case.ts";
import type { SigningProvider } from "./provider.ts";
import { SIGNERS } from "./registry.ts";
import type { Case, SignResult } from "./types.ts";

/**
 * Signs one case with the given crypto provider. Bad input rejects with a PanelsigError naming the field.
 * The provider packages' `sign` is this, bound to their provider.
 *
 * @example
 * ```ts
 * import { signWith } from "@panelsig/core";
 * import { nodeProvider } from "@panelsig/node";
 * const result = await signWith(nodeProvider, { scheme: "opterius-panel", request: { method: "POST", url: "/api/accounts/42/suspend" },
 *   credentials: { secret: "eyJ-test" }, timestamp: "1775658720" });
 * // result.signature: "f21d3dd043240efa42386b16fc79e049c338a06a7057788aff2fe466400b7146"
 * ```
 */
export function signWith(provider: SigningProvider, input: Case): Promise<SignResult> {
  try {
    const c = readCase(input, "sign");
    return Promise.resolve(SIGNERS[c.scheme].sign(provider, c));
  } catch (error) {
    return Promise.reject(error);
  }
}
