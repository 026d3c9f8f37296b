// The answer when verification itself fails rather than the request: the replay store did not
// answer (503, fail closed: never accept a request that might be a replay) or anything else threw
// (500). Shaped like the scheme's own errors, and saying nothing about the cause to the client.

import { errorRejection, type Rejection } from "@panelsig/core";

/** The code a replay store's error carries when it cannot answer (@panelsig/replay-redis's ReplayStoreUnavailableError). */
export const REPLAY_STORE_UNAVAILABLE = "replay_store_unavailable";

export function failureRejection(scheme: unknown, error: unknown): Rejection {
  const unavailable = (error as { code?: unknown } | null)?.code === REPLAY_STORE_UNAVAILABLE;
  const message = unavailable ? "replay guard unavailable" : "internal error";
  return errorRejection(scheme, unavailable ? 503 : 500, message);
}
