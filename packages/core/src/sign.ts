// sign(provider, case): reads the case once, then hands it to its scheme.

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

/** Signs one case with the given crypto provider. Bad input throws a PanelsigError naming the field. */
export async function signWith(provider: CryptoProvider, input: Case): Promise<SignResult> {
  const c = readCase(input);
  return SIGNERS[c.scheme](provider, c);
}
