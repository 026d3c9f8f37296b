// The one test for "an object with named fields" that every reader of user input starts with.

/** A plain object (not null, not an array): what case objects, options and token records must be. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
