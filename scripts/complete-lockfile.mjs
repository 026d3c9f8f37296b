// The npm registry reachable from panelsig's machines serves only the Linux x64 binaries of deno
// and turbo, so `npm install` leaves the other platforms' optional packages out of
// package-lock.json, and `npm ci` then refuses the lockfile as incomplete. This adds the missing
// entries with the os/cpu they are for (npm skips them on every other platform, so it never
// fetches them here). Idempotent; run from the root `prepare` script, so every install keeps the
// lockfile complete.
import { readFileSync, writeFileSync } from "node:fs";

const LOCKFILE = new URL("../package-lock.json", import.meta.url);
const OS = { darwin: "darwin", linux: "linux", win32: "win32", windows: "win32" };
const CPU = { arm64: "arm64", x64: "x64", 64: "x64" };

/** "@deno/linux-arm64-glibc" → { os: linux, cpu: arm64, libc: glibc }; undefined when unknown. */
function platformOf(name) {
  const [os, cpu, libc] = name.slice(name.indexOf("/") + 1).split("-");
  if (!OS[os] || !CPU[cpu]) return undefined;
  return { os: OS[os], cpu: CPU[cpu], libc };
}

const lock = JSON.parse(readFileSync(LOCKFILE, "utf8"));
const added = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!path.startsWith("node_modules/") || !entry.optionalDependencies) continue;
  for (const [name, version] of Object.entries(entry.optionalDependencies)) {
    const key = `node_modules/${name}`;
    const platform = platformOf(name);
    if (key in lock.packages || !platform || !/^\d+\.\d+\.\d+$/.test(version)) continue;
    lock.packages[key] = {
      version,
      cpu: [platform.cpu],
      ...(entry.dev ? { dev: true } : {}),
      ...(platform.libc ? { libc: [platform.libc] } : {}),
      optional: true,
      os: [platform.os],
    };
    added.push(`${name}@${version}`);
  }
}
if (added.length > 0) {
  const [root, ...rest] = Object.entries(lock.packages);
  rest.sort(([a], [b]) => a.localeCompare(b, "en"));
  lock.packages = Object.fromEntries([root, ...rest]);
  writeFileSync(LOCKFILE, JSON.stringify(lock, null, 2) + "\n");
  console.log(`complete-lockfile: added ${added.join(", ")}`);
}
