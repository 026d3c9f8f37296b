// Loader hooks (they run in a thread of their own): every module loaded after register.mjs,
// JSON files and node: built-ins included, is appended to $PANELSIG_LOAD_LOG before it loads.
import { appendFileSync } from "node:fs";

export async function load(url, context, nextLoad) {
  appendFileSync(process.env.PANELSIG_LOAD_LOG, `${url}\n`);
  return nextLoad(url, context);
}
