// Loaded before a docs example that calls Bun.serve(options): it serves on an ephemeral port of
// 127.0.0.1 and says which (Bun's default is 0.0.0.0:3000).
const serve = Bun.serve;
(Bun as { serve: unknown }).serve = (options: Parameters<typeof Bun.serve>[0]) => {
  const server = serve.call(Bun, { ...options, hostname: "127.0.0.1", port: 0 } as Parameters<typeof Bun.serve>[0]);
  console.log(`listening on ${server.port}`);
  return server;
};
