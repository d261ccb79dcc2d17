/**
 * Some static servers (astro preview among them) send `*.gz` files with
 * `Content-Encoding: gzip`, so the browser hands fetch() the already
 * unzipped CSV. The flow's `wget … | gunzip` expects the .gz bytes GitHub
 * serves, so a body that does not start with gzip's magic bytes is gzipped
 * again, streaming, before it reaches the shell.
 */
export async function restoreGzip(res: Response): Promise<Response> {
  if (!res.ok || !res.body) return res;
  const reader = res.body.getReader();
  const first = await reader.read();
  const head = first.value ?? new Uint8Array();
  const isGzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  const replay = new ReadableStream<Uint8Array>({
    start(controller) {
      if (head.length) controller.enqueue(head);
      if (first.done) controller.close();
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const body = isGzip || first.done ? replay : replay.pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}
