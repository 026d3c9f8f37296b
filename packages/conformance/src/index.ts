export { PROVIDERS, type ProviderPackage } from "./providers.ts";
