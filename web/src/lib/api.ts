// The browser's side of the API: the key from sign-in on every request, JSON errors as exceptions, and
// Server-Sent Events read with fetch (EventSource cannot send an Authorization header).
import type { ErrorBody } from '../../../api/types';
import { readEvents } from './sse';
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: { path: string; message: string }[] = []) {
    super(message);
  }
}

export const session = { key: localStorage.getItem('foothold.key') ?? '' };

export function setKey(key: string): void {
  session.key = key;
  if (key) localStorage.setItem('foothold.key', key);
  else localStorage.removeItem('foothold.key');
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; raw?: BodyInit; contentType?: string } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers: {
      ...(session.key ? { authorization: `Bearer ${session.key}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : init.contentType ? { 'content-type': init.contentType } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : init.raw,
  });
  const text = await res.text();
  const json = text && res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const error = (json as Partial<ErrorBody> | null)?.error;
    throw new ApiError(res.status, error?.code ?? 'error', error?.message ?? res.statusText, error?.details ?? []);
  }
  return (json ?? text) as T;
}

/** Read an SSE stream until it ends; each event goes to `onEvent`. */
export async function events(path: string, onEvent: (event: string, data: unknown) => void): Promise<void> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${session.key}` } });
  if (!res.ok || !res.body) throw new ApiError(res.status, 'stream', 'The live updates could not be opened');
  for await (const e of readEvents(res.body)) onEvent(e.event, e.data);
}

export function download(filename: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  a.click();
  URL.revokeObjectURL(url);
}
