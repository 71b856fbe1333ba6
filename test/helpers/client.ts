// An HTTP client for tests: JSON calls with an API key, and Server-Sent Events read until a terminal event.
import { readEvents, type SseEvent } from '../../web/src/lib/sse.ts';

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
    const out: SseEvent[] = [];
    for await (const e of readEvents(res.body!)) {
      out.push(e);
      if (e.event === 'done' || e.event === 'failed' || e.event === 'unavailable') break;
    }
    return out;
  }
  return { call, events };
}
