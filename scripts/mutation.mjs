// `npm run mutation [-- --mutate <file>]`: Stryker's CLI (stryker.config.mjs). Stryker 10 refuses to
// start on Node < 22 by a version check alone; it runs on Node 20, the project's minimum, so the
// check is shown the version it asks for. Only this process sees it: the test runners Stryker
// starts are plain child processes with the real version.
const [major] = process.versions.node.split(".").map(Number);
if (major < 22) Object.defineProperty(process, "version", { value: "v22.0.0" });
const { StrykerCli } = await import("@stryker-mutator/core");
new StrykerCli(process.argv).run();
