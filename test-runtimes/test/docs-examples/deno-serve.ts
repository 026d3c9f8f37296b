// Loaded before a docs example that calls Deno.serve(handler): it serves on an ephemeral port of
// 127.0.0.1 and says which (Deno's default is 0.0.0.0:8000).
const serve = Deno.serve;
(Deno as { serve: unknown }).serve = (handler: Deno.ServeHandler) =>
  serve({ hostname: "127.0.0.1", port: 0, onListen: ({ port }) => console.log(`listening on ${port}`) }, handler);
