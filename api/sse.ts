// Server-Sent Events: a small writer that keeps the connection alive and stops cleanly when the client goes.
import type { Request, Response } from 'express';

export interface EventStream {
  send(event: string, data: unknown): void;
  close(): void;
  onClose(fn: () => void): void;
}

export function openEventStream(req: Request, res: Response): EventStream {
  res.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  res.flushHeaders();
  const closers: (() => void)[] = [];
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    for (const fn of closers) fn();
    res.end();
  };
  req.on('close', close);
  return {
    send(event, data) {
      if (open) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close,
    onClose: (fn) => closers.push(fn),
  };
}
