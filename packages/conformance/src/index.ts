/**
 * Runs the vector corpus against panelsig's providers, any implementation with a sign and verify,
 * or a program in any language through the JSON Lines adapter protocol; the results are data.
 * This entry point loads the corpus; `@panelsig/conformance/providers` and
 * `@panelsig/conformance/json-line` do not.
 *
 * @module @panelsig/conformance
 */

export { AVAILABLE_PROVIDERS, loadProvider, PROVIDERS, UNAVAILABLE_PROVIDERS, type LoadedProvider, type ProviderPackage, type UnavailableProvider } from "./providers.ts";
export { runHmacVector, runVector, type Implementation, type VectorDiff, type VectorOutcome, type VectorStatus } from "./run.ts";
export { countsAsFailure, runAdapter, type AdapterProblem, type AdapterProcess, type AdapterRun, type AdapterRunOptions, type CheckedVector, type CheckStatus } from "./external.ts";
export { CORPUS_FILES, runCorpus, type CorpusReport, type CorpusRow } from "./corpus.ts";
export { jsonLine } from "./json-line.ts";
