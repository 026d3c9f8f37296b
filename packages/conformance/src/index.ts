export { AVAILABLE_PROVIDERS, loadProvider, PROVIDERS, UNAVAILABLE_PROVIDERS, type LoadedProvider, type ProviderPackage, type UnavailableProvider } from "./providers.ts";
export { runHmacVector, runVector, type Implementation, type VectorDiff, type VectorOutcome, type VectorStatus } from "./run.ts";
export { countsAsFailure, runAdapter, type AdapterProblem, type AdapterProcess, type AdapterRun, type AdapterRunOptions, type CheckedVector, type CheckStatus } from "./external.ts";
export { CORPUS_FILES, runCorpus, type CorpusReport, type CorpusRow } from "./corpus.ts";
export { jsonLine } from "./json-line.ts";
