// The corpus as files: every path under vectors/ that the generator owns, with its text, and
// the tcIds each vector file has retired. The one list both `npm run vectors` and the drift gate use.

import { buildAcepanelFile, RETIRED_ACEPANEL_TCIDS } from "./acepanel.ts";
import { formatJson } from "./build.ts";
import { checkDocClientModels } from "./doc-clients-known.ts";
import { buildHmacFile, RETIRED_HMAC_TCIDS } from "./hmac-sha256.ts";
import { buildOpteriusAgentFile, RETIRED_AGENT_TCIDS } from "./opterius-agent.ts";
import { buildOpteriusPanelFile, RETIRED_PANEL_TCIDS } from "./opterius-panel.ts";
import { buildSchemas } from "./schema.ts";

export interface VectorFileInfo {
  /** Path under vectors/. */
  path: string;
  schemaPath: string;
  retired: readonly number[];
}

export const VECTOR_FILES: readonly VectorFileInfo[] = [
  { path: "opterius-agent.json", schemaPath: "schema/opterius-agent.schema.json", retired: RETIRED_AGENT_TCIDS },
  { path: "opterius-panel.json", schemaPath: "schema/opterius-panel.schema.json", retired: RETIRED_PANEL_TCIDS },
  { path: "acepanel.json", schemaPath: "schema/acepanel.schema.json", retired: RETIRED_ACEPANEL_TCIDS },
  { path: "hmac-sha256.json", schemaPath: "schema/hmac-sha256.schema.json", retired: RETIRED_HMAC_TCIDS },
];

/** Every generated file: path under vectors/ → exact text. */
export function generateCorpus(): Map<string, string> {
  checkDocClientModels();
  const files = new Map<string, string>();
  files.set("opterius-agent.json", formatJson(buildOpteriusAgentFile()));
  files.set("opterius-panel.json", formatJson(buildOpteriusPanelFile()));
  files.set("acepanel.json", formatJson(buildAcepanelFile()));
  files.set("hmac-sha256.json", formatJson(buildHmacFile()));
  for (const [name, schema] of Object.entries(buildSchemas())) files.set(`schema/${name}`, formatJson(schema));
  return files;
}
