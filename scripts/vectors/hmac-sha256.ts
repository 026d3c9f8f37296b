// vectors/hmac-sha256.json: the primitive under all three schemes. RFC 4231's seven cases with
// their published tags (checked literally), key and message lengths around SHA-256's block
// computed with node:crypto, and Wycheproof-style negatives built from a correct tag.

import { assertKnown, hmacHex, notesFor, SCHEMA_VERSION, SOURCES, type Source } from "./build.ts";
import type { FlagName, FlagNote } from "./flags.ts";

export interface HmacVector {
  tcId: number;
  name: string;
  description: string;
  source: Source;
  flags: FlagName[];
  key: string;
  msg: string;
  tag: string;
  tagSize: number;
  result: "valid" | "invalid";
}

export interface HmacFile {
  algorithm: "HMAC-SHA256";
  schema: string;
  schemaVersion: number;
  numberOfVectors: number;
  notes: Record<string, FlagNote>;
  vectors: HmacVector[];
}

/** tcIds of vectors that were removed: never used again. */
export const RETIRED_HMAC_TCIDS: readonly number[] = [];

const hex = (text: string) => Buffer.from(text, "utf8").toString("hex");
const repeatByte = (byte: number, count: number) => Buffer.alloc(count, byte).toString("hex");
const counting = (length: number) => Buffer.from(Array.from({ length }, (_, i) => i & 0xff)).toString("hex");
const tagOf = (key: string, msg: string) => hmacHex(Buffer.from(key, "hex"), Buffer.from(msg, "hex"));

function flipBit(tag: string, byteIndex: number, bit: number): string {
  const bytes = Buffer.from(tag, "hex");
  bytes[byteIndex] = bytes[byteIndex]! ^ (1 << bit);
  return bytes.toString("hex");
}

/** RFC 4231 section 4: key, data, and the HMAC-SHA-256 output it prints. */
const RFC4231: { key: string; msg: string; tag: string; tagSize?: number; about: string }[] = [
  { key: repeatByte(0x0b, 20), msg: hex("Hi There"), tag: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", about: "a 20-byte key" },
  {
    key: hex("Jefe"),
    msg: hex("what do ya want for nothing?"),
    tag: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    about: "a key shorter than the tag",
  },
  { key: repeatByte(0xaa, 20), msg: repeatByte(0xdd, 50), tag: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe", about: "50 bytes of 0xdd" },
  {
    key: "0102030405060708090a0b0c0d0e0f10111213141516171819",
    msg: repeatByte(0xcd, 50),
    tag: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
    about: "a 25-byte key",
  },
  {
    key: repeatByte(0x0c, 20),
    msg: hex("Test With Truncation"),
    tag: "a3b6167473100ee06e0c796c2955552b",
    tagSize: 128,
    about: "output truncated to 128 bits",
  },
  {
    key: repeatByte(0xaa, 131),
    msg: hex("Test Using Larger Than Block-Size Key - Hash Key First"),
    tag: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    about: "a 131-byte key, longer than the block",
  },
  {
    key: repeatByte(0xaa, 131),
    msg: hex(
      "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
    ),
    tag: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
    about: "a long key and a message longer than the block",
  },
];

export function buildHmacFile(): HmacFile {
  const vectors: HmacVector[] = [];
  const add = (v: Omit<HmacVector, "tagSize" | "source"> & { tagSize?: number; source?: Source }) =>
    vectors.push({ ...v, source: v.source ?? SOURCES.hmacOwn, tagSize: v.tagSize ?? 256 });

  RFC4231.forEach((c, i) => {
    const full = tagOf(c.key, c.msg);
    assertKnown(`RFC 4231 test case ${i + 1}`, full.slice(0, (c.tagSize ?? 256) / 4), c.tag);
    add({
      tcId: 9001 + i,
      name: `rfc4231-case-${i + 1}`,
      description: `RFC 4231 test case ${i + 1}: ${c.about}.`,
      source: { ...SOURCES.rfc4231, section: `4.${i + 2}` },
      flags: c.tagSize ? ["Rfc4231", "Truncation"] : i >= 5 ? ["Rfc4231", "KeyLength"] : ["Rfc4231"],
      key: c.key,
      msg: c.msg,
      tag: c.tag,
      tagSize: c.tagSize,
      result: "valid",
    });
  });

  [0, 1, 63, 64, 65, 131, 1000].forEach((length, i) => {
    const key = counting(length);
    const msg = hex(`panelsig HMAC-SHA256 key length ${length}`);
    add({
      tcId: 9011 + i,
      name: `key-length-${length}`,
      description: `A ${length}-byte key (bytes 0, 1, 2, … mod 256)${length > 64 ? ", longer than the 64-byte block: it is hashed first" : length === 64 ? ", exactly one block" : ""}.`,
      flags: ["KeyLength"],
      key,
      msg,
      tag: tagOf(key, msg),
      result: "valid",
    });
  });

  const blockKey = repeatByte(0x5a, 32);
  [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 129].forEach((length, i) => {
    const msg = counting(length);
    add({
      tcId: 9021 + i,
      name: `message-length-${length}`,
      description: `A ${length}-byte message (bytes 0, 1, 2, …) under a 32-byte key: the inner hash covers 64 + ${length} bytes.`,
      flags: ["MessageLength"],
      key: blockKey,
      msg,
      tag: tagOf(blockKey, msg),
      result: "valid",
    });
  });

  const base = RFC4231[1]!;
  const longKey = RFC4231[5]!;
  const negative = (tcId: number, name: string, description: string, flags: FlagName[], tag: string, c = base) =>
    add({ tcId, name, description, flags, key: c.key, msg: c.msg, tag, result: "invalid" });

  negative(9041, "flipped-bit-first-byte-lsb", "RFC 4231 case 2 with bit 0 of the first tag byte flipped.", ["ModifiedTag"], flipBit(base.tag, 0, 0));
  negative(9042, "flipped-bit-first-byte-msb", "RFC 4231 case 2 with bit 7 of the first tag byte flipped.", ["ModifiedTag"], flipBit(base.tag, 0, 7));
  negative(9043, "flipped-bit-middle-byte", "RFC 4231 case 2 with bit 3 of tag byte 16 flipped.", ["ModifiedTag"], flipBit(base.tag, 16, 3));
  negative(9044, "flipped-bit-last-byte-lsb", "RFC 4231 case 2 with bit 0 of the last tag byte flipped.", ["ModifiedTag"], flipBit(base.tag, 31, 0));
  negative(9045, "flipped-bit-last-byte-msb", "RFC 4231 case 2 with bit 7 of the last tag byte flipped.", ["ModifiedTag"], flipBit(base.tag, 31, 7));
  negative(9046, "flipped-bit-long-key", "RFC 4231 case 6 (hashed 131-byte key) with bit 0 of tag byte 8 flipped.", ["ModifiedTag", "KeyLength"], flipBit(longKey.tag, 8, 0), longKey);
  negative(9051, "truncated-tag-16-bytes", "The first 16 bytes of the correct tag, offered as a full 256-bit tag.", ["TruncatedTag"], base.tag.slice(0, 32));
  negative(9052, "truncated-tag-31-bytes", "The correct tag without its last byte.", ["TruncatedTag"], base.tag.slice(0, 62));
  negative(9053, "truncated-tag-1-byte", "Only the first byte of the correct tag.", ["TruncatedTag"], base.tag.slice(0, 2));
  negative(9054, "lengthened-tag-33-bytes", "The correct tag with one extra zero byte appended.", ["TruncatedTag"], base.tag + "00");
  negative(9061, "all-zero-tag", "A tag of 32 zero bytes.", ["ZeroTag"], "00".repeat(32));
  negative(9062, "empty-tag", "An empty tag.", ["ZeroTag"], "");
  negative(9071, "tag-of-other-key", "The tag of the same message under the key \"Jefe!\".", ["WrongInput"], tagOf(hex("Jefe!"), base.msg));
  negative(9072, "tag-of-other-message", "The tag of the same key over the message with its last byte removed.", ["WrongInput"], tagOf(base.key, base.msg.slice(0, -2)));
  negative(9073, "tag-of-empty-message", "The tag of the same key over the empty message.", ["WrongInput"], tagOf(base.key, ""));

  return {
    algorithm: "HMAC-SHA256",
    schema: "schema/hmac-sha256.schema.json",
    schemaVersion: SCHEMA_VERSION,
    numberOfVectors: vectors.length,
    notes: notesFor(vectors),
    vectors,
  };
}
