// Server-Sent Events off a response body: one reader for the browser and for the Node tests and benchmarks
// (plain fetch streams, no DOM).
export interface SseEvent {
  event: string;
  data: unknown;
}

/** The events of a stream, in order, until it ends. */
export async function* readEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event) yield { event, data: data ? JSON.parse(data) : null };
      }
    }
  } finally {
    // A consumer that stops early (its outcome arrived) closes the connection.
    await reader.cancel().catch(() => {});
  }
}
