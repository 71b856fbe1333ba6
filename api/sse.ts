// Server-Sent Events: a small writer that keeps the connection alive and stops cleanly when the client goes.
// A stream holds a connection (and, for a cohort, a share of a poller) for as long as it is open, so each
// account may have only a few open at once: past that, 429.
import type { Request, Response } from 'express';
import { DomainError } from '../engine/errors.ts';

export interface EventStream {
  send(event: string, data: unknown): void;
  close(): void;
  onClose(fn: () => void): void;
}

/** Open streams an account may hold at once (a founder's page holds one; an accelerator's a few). */
export const MAX_STREAMS_PER_ACCOUNT = 5;
const openStreams = new Map<string, number>();

export function openEventStream(req: Request, res: Response): EventStream {
  const owner = req.account?.id ?? `address:${req.ip}`;
  const count = openStreams.get(owner) ?? 0;
  if (count >= MAX_STREAMS_PER_ACCOUNT)
    throw new DomainError('rate_limited', 'too_many_streams', `At most ${MAX_STREAMS_PER_ACCOUNT} event streams may be open at once for this key: close one first`);
  openStreams.set(owner, count + 1);
  res.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  res.flushHeaders();
  const closers: (() => void)[] = [];
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    const left = (openStreams.get(owner) ?? 1) - 1;
    if (left > 0) openStreams.set(owner, left);
    else openStreams.delete(owner);
    for (const fn of closers) fn();
    res.end();
  };
  req.on('close', close);
  return {
    send(event, data) {
      if (open) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close,
    onClose: (fn) => (open ? closers.push(fn) : fn()),
  };
}
