// NIST CAVP byte-oriented SHA-256 vectors (SHAVS), on every provider: every ShortMsg and LongMsg
// case, one-shot and streamed, and all 100 Monte Carlo checkpoints.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CryptoProvider } from "@panelsig/core";
import { PROVIDERS } from "@panelsig/conformance";

/** The `name = value` lines of a .rsp file, in order (comments, headers and blanks skipped). */
function fields(file: string): [string, string][] {
  const text = readFileSync(new URL(`../../../vectors/nist/${file}`, import.meta.url), "utf8");
  const out: [string, string][] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^(\w+) = (\w*)$/.exec(line);
    if (match) out.push([match[1]!, match[2]!]);
  }
  return out;
}

interface MessageCase {
  bits: number;
  msg: Uint8Array;
  md: string;
}

/** The Len/Msg/MD triples of a ShortMsg or LongMsg file. Len counts bits; Len = 0 reads `Msg = 00`. */
function messageCases(file: string): MessageCase[] {
  const list = fields(file);
  const cases: MessageCase[] = [];
  for (let i = 0; i < list.length; i += 3) {
    const [len, msg, md] = [list[i]!, list[i + 1]!, list[i + 2]!];
    expect([len[0], msg[0], md[0]]).toEqual(["Len", "Msg", "MD"]);
    const bits = Number(len[1]);
    cases.push({ bits, msg: fromHex(msg[1]).subarray(0, bits / 8), md: md[1] });
  }
  return cases;
}

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}

/** Streams `msg` in chunks whose sizes cycle through `sizes`. */
async function streamed(provider: CryptoProvider, msg: Uint8Array, sizes: number[]): Promise<Uint8Array> {
  const hash = provider.createSha256();
  for (let offset = 0, i = 0; offset < msg.length; i++) {
    const size = sizes[i % sizes.length]!;
    hash.update(msg.subarray(offset, offset + size));
    offset += size;
  }
  return hash.digest();
}

const CHUNKINGS = [[1], [3, 61], [63, 1, 64], [7, 100, 13]];

for (const { name, provider } of PROVIDERS) for (const [file, count] of [
  ["SHA256ShortMsg.rsp", 65],
  ["SHA256LongMsg.rsp", 64],
] as const) {
  describe(`${name}: ${file}`, () => {
    const cases = messageCases(file);

    it(`has all ${count} cases`, () => {
      expect(cases.length).toBe(count);
    });

    it("one-shot sha256 matches every MD", async () => {
      for (const { bits, msg, md } of cases) expect(`${bits}: ${toHex(await provider.sha256(msg))}`).toBe(`${bits}: ${md}`);
    });

    it("streamed sha256 matches every MD, in several chunkings", async () => {
      for (const { bits, msg, md } of cases) {
        for (const sizes of CHUNKINGS) {
          expect(`${bits} ${sizes}: ${toHex(await streamed(provider, msg, sizes))}`).toBe(`${bits} ${sizes}: ${md}`);
        }
      }
    });
  });
}

for (const { name, provider } of PROVIDERS) describe(`${name}: SHA256Monte.rsp`, () => {
  it("reproduces all 100 checkpoints", async () => {
    const list = fields("SHA256Monte.rsp");
    expect(list[0]![0]).toBe("Seed");
    let seed = fromHex(list[0]![1]);
    const checkpoints = list.slice(1);
    expect(checkpoints.length).toBe(200);
    // SHAVS §6.4: MD0 = MD1 = MD2 = Seed; MDi = SHA256(MDi-3 || MDi-2 || MDi-1) for i = 3..1002.
    const message = new Uint8Array(96);
    for (let j = 0; j < 100; j++) {
      message.set(seed, 0);
      message.set(seed, 32);
      message.set(seed, 64);
      let md = seed;
      for (let i = 0; i < 1000; i++) {
        md = await provider.sha256(message);
        message.copyWithin(0, 32);
        message.set(md, 64);
      }
      seed = md;
      expect(checkpoints[2 * j]).toEqual(["COUNT", String(j)]);
      expect(`${j}: ${toHex(md)}`).toBe(`${j}: ${checkpoints[2 * j + 1]![1]}`);
    }
  });
});
