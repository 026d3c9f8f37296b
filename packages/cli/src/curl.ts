// `panelsig sign --curl`: a shell command that sends exactly the request that was signed. curl
// must not touch the URL (--globoff: "[]{}" are not patterns; --path-as-is: "/../" and "//" are
// kept) nor the body (--data-raw sends text as given; --data-binary @file sends a file's bytes).

import type { HeaderPair } from "@panelsig/core";

export type CurlBody = { text: string } | { file: string } | undefined;

export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_\/.:=@%+,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlCommand(method: string, url: string, headers: readonly HeaderPair[], body: CurlBody): string {
  const parts = ["curl --globoff --path-as-is", method === "HEAD" ? "--head" : `--request ${shellQuote(method)}`];
  for (const [name, value] of headers) parts.push(`--header ${shellQuote(`${name}: ${value}`)}`);
  if (body && "text" in body) parts.push(`--data-raw ${shellQuote(body.text)}`);
  if (body && "file" in body) parts.push(`--data-binary ${shellQuote("@" + body.file)}`);
  parts.push(shellQuote(url));
  return parts.join(" \\\n  ");
}
