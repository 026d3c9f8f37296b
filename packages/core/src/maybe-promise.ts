// Goes on with a value that a provider may give at once or as a promise. node:crypto and the pure
// provider answer at once, and an `await` would still cost each step a trip through the microtask
// queue (with an async function around it, ~50 ns a step): the sign path chains its steps here.

import type { MaybePromise } from "./provider.ts";

export function whenReady<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromiseLike(value) ? Promise.resolve(value).then(next) : next(value);
}

/**
 * True when the value is still to come. An async function awaits a value only then
 * (`isPromiseLike(x) ? await x : x`): an `await` of a ready value still costs a microtask turn.
 */
export function isPromiseLike<T>(value: MaybePromise<T>): value is Promise<T> {
  // Only an object can be a promise. A text (a hex digest) is answered by typeof alone: looking
  // "then" up on it, at a call site that sees many types, cost ~0.3 µs a sign.
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
