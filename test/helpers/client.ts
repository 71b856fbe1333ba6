// An HTTP client for tests: JSON calls with an API key, and Server-Sent Events read until a terminal event.

export interface Reply {
  status: number;
  text: string;
  headers: Headers;
  body: any;
}

export function client(baseUrl: () => string) {
  async function call(method: string, path: string, key: string | null, body?: unknown, contentType = 'application/json'): Promise<Reply> {
    const raw = typeof body === 'string' || body instanceof Uint8Array;
    const res = await fetch(baseUrl() + path, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': contentType } : {}) },
      body: (body === undefined ? undefined : raw ? body : JSON.stringify(body)) as BodyInit | undefined,
    });
    const text = await res.text();
    return { status: res.status, text, headers: res.headers, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
  }

  /** Every event of a stream until `done` or `failed` (or the stream's end). */
  async function events(path: string, key: string): Promise<{ event: string; data: any }[]> {
    const res = await fetch(baseUrl() + path, { headers: { authorization: `Bearer ${key}` } });
    if (!res.headers.get('content-type')?.includes('text/event-stream')) throw new Error(`not an event stream: ${res.status}`);
    const out: { event: string; data: any }[] = [];
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event) out.push({ event, data: data ? JSON.parse(data) : null });
        if (event === 'done' || event === 'failed') return out;
      }
    }
    return out;
  }
  return { call, events };
}
