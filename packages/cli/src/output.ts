// Writing to standard output without losing lines: a pipe that is full makes write() return
// false, and the next line waits for "drain" instead of piling up in memory.

import { once } from "node:events";

export async function writeOut(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, "drain");
}

/** Reads all of standard input as bytes. */
export async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
