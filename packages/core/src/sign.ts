// sign(provider, case): reads the case once, then hands it to its scheme. Not an async function:
// a scheme that finishes synchronously (acepanel on a synchronous provider) costs no extra tick.

import { readCase } from "./case.ts";
import type { CryptoProvider } from "./provider.ts";
import { signAcepanel } from "./schemes/acepanel.ts";
import { signOpteriusAgent } from "./schemes/opterius-agent.ts";
import { signOpteriusPanel } from "./schemes/opterius-panel.ts";
import type { Case, SignResult } from "./types.ts";

const SIGNERS = {
  "opterius-agent": signOpteriusAgent,
  "opterius-panel": signOpteriusPanel,
  acepanel: signAcepanel,
} as const;

/** Signs one case with the given crypto provider. Bad input rejects with a PanelsigError naming the field. */
export function signWith(provider: CryptoProvider, input: Case): Promise<SignResult> {
  try {
    const c = readCase(input, "sign");
    return Promise.resolve(SIGNERS[c.scheme](provider, c));
  } catch (error) {
    return Promise.reject(error);
  }
}
