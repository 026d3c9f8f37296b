// What every panelsig(options) refuses when the server starts, naming the option.
import { describe, expect, it } from "vitest";
import { PanelsigError } from "@panelsig/core";
import { panelsig as express } from "@panelsig/middleware/express";
import { panelsig as fastify } from "@panelsig/middleware/fastify";
import { panelsig as hono } from "@panelsig/middleware/hono";

const refusal = (make: () => unknown) => {
  try {
    make();
  } catch (error) {
    return error instanceof PanelsigError ? `${error.code} ${error.field}` : String(error);
  }
  return "no error";
};

describe("panelsig(options) refuses, naming the option", () => {
  for (const [name, panelsig] of [["express", express], ["fastify", fastify], ["hono", hono]] as const) {
    it(`${name}: keepBody (the body is always kept), a non-function onError, no options`, () => {
      const make = panelsig as (options: unknown) => unknown;
      expect(refusal(() => make({ scheme: "opterius-agent", secret: "s", keepBody: false }))).toBe("invalid_option options.keepBody");
      expect(refusal(() => make({ scheme: "opterius-agent", secret: "s", onError: "log" }))).toBe("invalid_option options.onError");
      expect(refusal(() => make(undefined))).toBe("invalid_option options");
    });
  }
});
