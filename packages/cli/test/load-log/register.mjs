// `node --import <this file>`: records the URL of every module the process loads, one a line, in
// the file named by PANELSIG_LOAD_LOG. The recording is done by the loader hooks in hooks.mjs.
import { register } from "node:module";

register("./hooks.mjs", import.meta.url);
