// The Opterius receivers' clock check: the timestamp may differ from the receiver's clock by at
// most the window, in either direction (the Agent's doc: "more than 5 minutes" is refused).

export function outsideWindow(timestamp: number, now: number, windowSeconds: number): "timestamp_expired" | "timestamp_in_future" | undefined {
  if (timestamp < now - windowSeconds) return "timestamp_expired";
  if (timestamp > now + windowSeconds) return "timestamp_in_future";
  return undefined;
}
