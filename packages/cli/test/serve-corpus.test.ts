// The verify vectors replayed as raw HTTP/1.1 bytes over loopback sockets to `panelsig serve`,
// started in the runtime that runs this file (vitest: Node; deno test: Deno; bun test: Bun), so
// serve is shown to answer every vector as the vector says the real receiver answers, on all three.
// Each vector's request becomes the bytes a client would send (method and target as written,
// headers in order, the body with its Content-Length); its receiver state becomes serve's flags.
// The expected status and body come from the vector: 200 with a JSON echo saying valid, or the
// receiver's status with {"msg"}/{"error"} (Go's plain "400 Bad Request" for a target Go refuses).
// Left out, and counted: vectors whose answer depends on the client address (an IP whitelist: the
// peer here is always 127.0.0.1) or on a replay memory given in the case (serve has no flag for it).
import { Writable } from "node:stream";
import { connect } from "node:net";
import { SCHEME_VECTOR_FILES, toCase, type SchemeVector } from "@panelsig/vectors";
import { describe, expect, it } from "vitest";
import { startServeFromArgs } from "../src/commands/serve.ts";
import { createOutput } from "../src/serve-output.ts";

const LARGE = String(64 * 1024 * 1024);

interface Replay {
  tcId: number;
  bytes: Buffer;
  status: number;
  body: string | { valid: true };
}

/** The serve flags that give a vector's receiver state. */
function flagsOf(v: SchemeVector): string[] {
  const { scheme, credentials, context = {} } = v.case;
  const flags = ["--scheme", scheme, "--secret", credentials.secret, "--now", String(context.now)];
  if (credentials.keyId !== undefined) flags.push("--key-id", String(credentials.keyId));
  if (context.entrance !== undefined) flags.push("--entrance", context.entrance);
  if (context.tokenExpiresAt !== undefined) flags.push("--token-expires-at", String(context.tokenExpiresAt));
  if (context.windowSeconds !== undefined) flags.push("--window", String(context.windowSeconds));
  if (context.locale !== undefined) flags.push("--locale", context.locale);
  if (context.entranceError !== undefined) flags.push("--entrance-error", context.entranceError);
  if (context.ipHeader) flags.push("--ip-header", context.ipHeader);
  flags.push("--max-body", context.maxBodyBytes === undefined ? LARGE : String(context.maxBodyBytes));
  const absolute = /^[a-z]+:\/\/([^/?#]*)/i.exec(v.case.request.url);
  if (absolute) flags.push("--allow-host", absolute[1]!);
  return flags;
}

function replayOf(v: SchemeVector, port: number): Replay {
  const request = toCase(v).request;
  const body = request.bodyBase64 !== undefined ? Buffer.from(request.bodyBase64, "base64") : Buffer.from((request.body as string | undefined) ?? "", "utf8");
  const lines = [`${request.method} ${request.url} HTTP/1.1`, `Host: 127.0.0.1:${port}`];
  for (const [name, value] of request.headers ?? []) lines.push(`${name}: ${value}`);
  if (body.length > 0) lines.push(`Content-Length: ${body.length}`);
  lines.push("Connection: close", "", "");
  const expected = v.expected as { valid: boolean; status?: number; message?: string; connectionClosed?: true };
  const json = (message: string) => JSON.stringify(v.case.scheme === "acepanel" ? { msg: message } : { error: message });
  // A receiver that closes the connection sends nothing: no status line (0 here), no body.
  const answer = expected.valid
    ? { status: 200, body: { valid: true as const } }
    : expected.connectionClosed
      ? { status: 0, body: "" }
      : { status: expected.status!, body: expected.message === undefined ? "" : expected.status === 400 ? expected.message : json(expected.message) };
  if (request.method === "HEAD") answer.body = "";
  return { tcId: v.tcId, bytes: Buffer.concat([Buffer.from(lines.join("\r\n"), "utf8"), body]), ...answer };
}

/** Sends the bytes on a new connection; resolves to the status and body of the answer once the server closes it. */
function exchange(port: number, bytes: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: split < 0 ? text : text.slice(split + 4) });
    });
  });
}

const verifyVectors = SCHEME_VECTOR_FILES.flatMap((f) => f.vectors).filter((v) => v.case.op === "verify");
const replayable = verifyVectors.filter((v) => !v.case.context?.ipWhitelist?.length && v.case.context?.acceptedSignatures === undefined);
const groups = new Map<string, SchemeVector[]>();
for (const v of replayable) {
  const key = JSON.stringify(flagsOf(v));
  groups.set(key, [...(groups.get(key) ?? []), v]);
}
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

describe("serve answers every verify vector, sent as raw HTTP/1.1 bytes", () => {
  it("replays all but the vectors that need a client address or a replay memory", () => {
    expect(verifyVectors.length).toBeGreaterThan(400);
    expect(replayable.length / verifyVectors.length).toBeGreaterThan(0.9);
  });

  for (const [key, vectors] of groups) {
    const flags = JSON.parse(key) as string[];
    it(`${flags.filter((f, i) => i % 2 === 1 && flags[i - 1] !== "--secret").join(" ")}: ${vectors.length} vector(s)`, async () => {
      const { server } = await startServeFromArgs([...flags, "--port", "0"], createOutput(discard() as unknown as NodeJS.WriteStream, () => {}));
      try {
        const wrong: unknown[] = [];
        for (const v of vectors) {
          const replay = replayOf(v, server.port);
          const got = await exchange(server.port, replay.bytes);
          const body = typeof replay.body === "string" ? got.body : (JSON.parse(got.body) as { valid: unknown }).valid === true ? replay.body : got.body;
          if (got.status !== replay.status || body !== replay.body) wrong.push({ tcId: replay.tcId, expected: { status: replay.status, body: replay.body }, got });
        }
        expect(wrong).toStrictEqual([]);
      } finally {
        await server.close();
      }
    });
  }
});
