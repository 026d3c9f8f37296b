// Hand-derived examples of what the documentation's example clients sign, checked each time the
// generator runs, so that a model that drifts from its client's code stops it. First the
// reference's list of requests the AcePanel doc's clients get wrong ("Where the doc's example
// clients fail against the server"): each must make the PHP and Python examples differ from the
// server's canonical form (also written here by hand). Then each client's own mistakes, and the
// documentation's published signatures, which every model must reproduce.

import { hmacHex } from "./build.ts";
import {
  aceGo,
  aceJava,
  aceLines,
  aceNode,
  acePhp,
  acePython,
  agentPython,
  CannotSign,
  goTarget,
  javaTarget,
  nodeTarget,
  panelFormula,
  phpTarget,
  pythonTarget,
  type AceTarget,
  type DocClient,
} from "./doc-clients.ts";

type Lines = [path: string, query: string];
/** What a client puts on the path and query lines, or "cannot" when its code throws. */
type Expected = Lines | "cannot";

interface Row {
  what: string;
  url: string;
  /** The server's path and query lines ("cannot": Go's server refuses the request line). */
  server: Expected;
  /** An entrance containing /api: the one thing the Go example gets wrong. */
  entranceWithApi?: true;
  php: Lines;
  /** Default: as PHP. */
  python?: Lines;
  node: Lines;
  java: Expected;
  go: Expected;
}

const FILES = "/entrance/api/files/list";
const LIST: Lines = ["/api/files/list", ""];
const q = (query: string): Lines => [LIST[0], query];

/** The reference's list: every row must make the PHP and Python examples fail. */
const REFERENCE_FAILURES: Row[] = [
  { what: "unsorted query", url: `${FILES}?b=2&a=1`, server: q("a=1&b=2"), php: q("b=2&a=1"), node: q("b=2&a=1"), java: q("b=2&a=1"), go: q("a=1&b=2") },
  { what: "%20 in the query", url: `${FILES}?c=x%20y`, server: q("c=x+y"), php: q("c=x%20y"), node: q("c=x%20y"), java: q("c=x y"), go: q("c=x+y") },
  { what: "key without =", url: `${FILES}?flag`, server: q("flag="), php: q("flag"), node: q("flag"), java: q("flag"), go: q("flag=") },
  { what: "lower-case hex escapes", url: `${FILES}?a=%e4%b8%ad`, server: q("a=%E4%B8%AD"), php: q("a=%e4%b8%ad"), node: q("a=%e4%b8%ad"), java: q("a=中"), go: q("a=%E4%B8%AD") },
  { what: "escaped ~", url: `${FILES}?k=%7E`, server: q("k=~"), php: q("k=%7E"), node: q("k=%7E"), java: q("k=~"), go: q("k=~") },
  { what: "*!'() unescaped", url: `${FILES}?t=*!'()`, server: q("t=%2A%21%27%28%29"), php: q("t=*!'()"), node: q("t=*!%27()"), java: q("t=*!'()"), go: q("t=%2A%21%27%28%29") },
  { what: "; in the query", url: `${FILES}?a=1;b=2&c=3`, server: q("c=3"), php: q("a=1;b=2&c=3"), node: q("a=1;b=2&c=3"), java: q("a=1;b=2&c=3"), go: q("c=3") },
  { what: "non-ASCII keys", url: `${FILES}?%C3%A9=1&z=2`, server: q("z=2&%C3%A9=1"), php: q("%C3%A9=1&z=2"), node: q("%C3%A9=1&z=2"), java: q("é=1&z=2"), go: q("z=2&%C3%A9=1") },
  { what: "percent-encoded path", url: "/entrance/api/files/a%20b", server: ["/api/files/a b", ""], php: ["/api/files/a%20b", ""], node: ["/api/files/a%20b", ""], java: ["/api/files/a b", ""], go: ["/api/files/a b", ""] },
  { what: "entrance /api2", entranceWithApi: true, url: "/api2/api/user/info", server: ["/api/user/info", ""], php: ["/api2/api/user/info", ""], node: ["/api2/api/user/info", ""], java: ["/api2/api/user/info", ""], go: ["/api2/api/user/info", ""] },
  { what: "entrance /x/api", entranceWithApi: true, url: "/x/api/api/user/info", server: ["/api/user/info", ""], php: ["/api/api/user/info", ""], node: ["/api/api/user/info", ""], java: ["/api/api/user/info", ""], go: ["/api/api/user/info", ""] },
];

/** Each client's own mistakes, and where it gets things right. */
const CLIENT_DETAILS: Row[] = [
  { what: "; in the last path segment", url: "/entrance/api/files/a;b", server: ["/api/files/a;b", ""], php: ["/api/files/a;b", ""], python: ["/api/files/a", ""], node: ["/api/files/a;b", ""], java: ["/api/files/a;b", ""], go: ["/api/files/a;b", ""] },
  { what: "path exactly /api", url: "/e/api", server: ["/api", ""], php: ["/api", ""], node: ["/api", ""], java: ["/api", ""], go: ["/api", ""] },
  { what: "raw UTF-8 path", url: "/entrance/api/files/中", server: ["/api/files/中", ""], php: ["/api/files/中", ""], node: ["/api/files/%E4%B8%AD", ""], java: ["/api/files/中", ""], go: ["/api/files/中", ""] },
  { what: "dot segments", url: "/entrance/api/files/../user/info", server: ["/api/files/../user/info", ""], php: ["/api/files/../user/info", ""], node: ["/api/user/info", ""], java: ["/api/files/../user/info", ""], go: ["/api/files/../user/info", ""] },
  { what: "raw UTF-8 query", url: `${FILES}?q=中`, server: q("q=%E4%B8%AD"), php: q("q=中"), node: q("q=%E4%B8%AD"), java: q("q=中"), go: q("q=%E4%B8%AD") },
  { what: "bad escape in the query", url: `${FILES}?a=%zz&b=1`, server: q("b=1"), php: q("a=%zz&b=1"), node: q("a=%zz&b=1"), java: "cannot", go: q("b=1") },
  { what: "| in the query", url: `${FILES}?q=a|b`, server: q("q=a%7Cb"), php: q("q=a|b"), node: q("q=a|b"), java: "cannot", go: q("q=a%7Cb") },
  { what: "non-UTF-8 byte", url: `${FILES}?a=%ff`, server: q("a=%FF"), php: q("a=%ff"), node: q("a=%ff"), java: q("a=\ufffd"), go: q("a=%FF") },
  { what: "encoded surrogate", url: `${FILES}?a=%ED%A0%80`, server: q("a=%ED%A0%80"), php: q("a=%ED%A0%80"), node: q("a=%ED%A0%80"), java: q("a=\ufffd"), go: q("a=%ED%A0%80") },
  { what: "%2B and +", url: `${FILES}?c=x%2By+z`, server: q("c=x%2By+z"), php: q("c=x%2By+z"), node: q("c=x%2By+z"), java: q("c=x+y+z"), go: q("c=x%2By+z") },
  { what: "bad escape in the path", url: "/entrance/api/files/a%zz", server: "cannot", php: ["/api/files/a%zz", ""], node: ["/api/files/a%zz", ""], java: "cannot", go: "cannot" },
];

const TARGETS: Record<"php" | "python" | "node" | "java" | "go", AceTarget> = { php: phpTarget, python: pythonTarget, node: nodeTarget, java: javaTarget, go: goTarget };

/** Stops the generator when a model disagrees with a hand-derived example. */
export function checkDocClientModels(): void {
  const problems: string[] = [];
  for (const row of [...REFERENCE_FAILURES, ...CLIENT_DETAILS]) {
    for (const [client, target] of Object.entries(TARGETS) as [keyof typeof TARGETS, AceTarget][]) {
      const expected = client === "python" ? (row.python ?? row.php) : row[client];
      const actual = linesOrCannot(target, row.url);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`${client}, ${row.what}: ${JSON.stringify(actual)}, by hand ${JSON.stringify(expected)}`);
    }
    // The reference: "The Go example (URL.Path + Query().Encode()) matches the server".
    if ((JSON.stringify(row.go) === JSON.stringify(row.server)) === Boolean(row.entranceWithApi)) problems.push(`${row.what}: the Go example must match the server exactly when the entrance has no /api`);
  }
  for (const row of REFERENCE_FAILURES) {
    for (const lines of [row.php, row.python ?? row.php]) {
      if (JSON.stringify(lines) === JSON.stringify(row.server)) problems.push(`${row.what}: the PHP and Python examples must fail it`);
    }
  }
  problems.push(...requestProblems());
  if (problems.length) throw new Error(`doc-clients: the models disagree with hand-derived examples:\n  ${problems.join("\n  ")}`);
}

function linesOrCannot(target: AceTarget, url: string): Expected {
  try {
    const { path, query } = aceLines(target, url);
    return [path, query];
  } catch (error) {
    if (error instanceof CannotSign) return "cannot";
    throw error;
  }
}

/** Whole requests: methods and bodies on the wire, timestamps, and the documentation's own signatures. */
function requestProblems(): string[] {
  const problems: string[] = [];
  const expect = (what: string, actual: unknown, known: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(known)) problems.push(`${what}: ${JSON.stringify(actual)}, by hand ${JSON.stringify(known)}`);
  };
  const empty = Buffer.alloc(0);
  const aceDoc = { method: "GET", url: "http://example.com/entrance/api/user/info", body: empty, timestamp: "1700000000" };
  const ace: [string, DocClient][] = [["php", acePhp], ["python", acePython], ["node", aceNode], ["java", aceJava], ["go", aceGo]];
  for (const [name, client] of ace) {
    // The AcePanel documentation's example and its signature (the reference states it).
    expect(`${name} signs the doc example`, hmacHex("YourSecretToken", client.signs(aceDoc)), "b8dd393223e5569bbcefd660a0f3ecd1ee66a70dd8955e76f1d2cb07a8c04cb7");
    expect(`${name} signs the X-Timestamp text`, client.signs({ ...aceDoc, timestamp: "+1700000000" }).toString().split("\n")[1], "+1700000000");
  }
  expect("python sends the method", acePython.sent("get", empty).method, "GET");
  expect("node sends the method", aceNode.sent("get", empty).method, "GET");
  expect("php sends the method", acePhp.sent("get", empty).method, "get");
  expect("java sends the method", aceJava.sent("get", empty).method, "get");
  expect("java sends a GET's body", aceJava.sent("GET", Buffer.from("{}")).body.length, 0);
  expect("java sends a POST's body", aceJava.sent("POST", Buffer.from("{}")).body.toString(), "{}");
  const binary = { ...aceDoc, method: "POST", body: Buffer.from([0xfe, 0xff]) };
  for (const [name, client, can] of [["python", acePython, false], ["java", aceJava, false], ["node", aceNode, true], ["php", acePhp, true]] as const) {
    expect(`${name} signs a body that is not UTF-8`, signsAtAll(client, binary), can);
  }

  // The Opterius Agent documentation's example (signature from the reference) and its Z form.
  const agentDoc = { method: "POST", url: "/account/create", body: Buffer.from('{"username":"alice","domain":"alice.example.com"}'), timestamp: "2026-04-08T14:32:00Z" };
  expect("agent python signs the doc example", hmacHex("your-secret-key-here", agentPython.signs(agentDoc)), "5c1941c5dcf3f47bc4e81c1098655cdfe2ab792274b1164c3a66dba7e2e1d4c6");
  expect("agent python writes +00:00 as Z", agentPython.timestamp("2026-04-08T14:32:00+00:00"), "2026-04-08T14:32:00Z");
  expect("agent python drops fractions", agentPython.timestamp("2026-04-08T14:32:00.5Z"), "2026-04-08T14:32:00Z");
  expect("agent python writes +02:00 in UTC", agentPython.timestamp("2026-04-08T16:32:00+02:00"), "2026-04-08T14:32:00Z");
  expect("agent python signs the raw path, upper-cased method, no query", agentPython.signs({ ...agentDoc, method: "get", url: "/files/a%20b?x=1", body: empty }).toString(), "2026-04-08T14:32:00ZGET/files/a%20b");

  // The Commerce formula: a real payload signs as the real client does; no body signs "".
  const create = Buffer.from('{"domain":"b\\u00fccher.example","username":"buecher","package":"Starter\\/Plus","email":"owner@example.com"}');
  const panel = { method: "POST", url: "/api/accounts", body: create, timestamp: "1775658720" };
  expect("panel formula signs a payload", hmacHex("eyJ-test", panelFormula.signs(panel)), "552524dfe8f9c7c3b09919eca4557080914305448a6040b043f6e34c8b80a86b");
  expect("panel formula signs no body as the empty string", panelFormula.signs({ ...panel, body: empty }).toString(), "1775658720");
  return problems;
}

function signsAtAll(client: DocClient, request: Parameters<DocClient["signs"]>[0]): boolean {
  try {
    client.signs(request);
    return true;
  } catch (error) {
    if (error instanceof CannotSign) return false;
    throw error;
  }
}
