// sign(provider, case): reads the case once, then hands it to its scheme's signer. Not an async
// function: a scheme that finishes synchronously (on a synchronous provider) costs no extra tick.

import { readCase } from "./case.ts";
import type { SigningProvider } from "./provider.ts";
import { SIGNERS } from "./registry.ts";
import type { Case, SignResult } from "./types.ts";

/** Signs one case with the given crypto provider. Bad input rejects with a PanelsigError naming the field. */
export function signWith(provider: SigningProvider, input: Case): Promise<SignResult> {
  try {
    const c = readCase(input, "sign");
    return Promise.resolve(SIGNERS[c.scheme].sign(provider, c));
  } catch (error) {
    return Promise.reject(error);
  }
}
