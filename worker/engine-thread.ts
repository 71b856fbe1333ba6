// An engine thread: runs the pure advice engine and encodes the result for storage, off the main thread
// (which keeps the database, the queue and HTTP). It holds the latest knowledge slice it was sent.
import { parentPort } from 'node:worker_threads';
import { encodeAdvice } from '../db/advice-codec.ts';
import { advise } from '../engine/advice/advise.ts';
import type { KnowledgeSlice } from '../engine/advice/context.ts';
import { unadvisable } from '../services/advice-failure.ts';
import type { EngineResult } from '../services/advice.service.ts';
import type { EngineReply, EngineRequest } from './engine-pool.ts';

let knowledge: { key: string; slice: KnowledgeSlice } | null = null;

parentPort!.on('message', (m: EngineRequest) => {
  if (m.type === 'knowledge') {
    knowledge = { key: m.key, slice: m.slice };
    return;
  }
  let reply: EngineReply;
  try {
    if (knowledge?.key !== m.key) throw new Error(`the engine thread holds knowledge ${knowledge?.key ?? 'none'}, not ${m.key}`);
    const at = new Date(m.at);
    const results = m.startups.map((startup): EngineResult => {
      // The engine is a pure function: an error it raises for one startup would recur on every retry, so it
      // is that startup's result (with the reason), and the rest of the batch goes on.
      try {
        return { ok: true, advice: encodeAdvice(advise(startup, knowledge!.slice, at)) };
      } catch (e) {
        return { ok: false, error: unadvisable(e) ?? { code: 'engine_error', message: `The advice engine failed on this profile: ${(e as Error).message}`, details: [] } };
      }
    });
    reply = { id: m.id, results };
  } catch (e) {
    reply = { id: m.id, error: (e as Error).stack ?? String(e) };
  }
  // Results are moved, not copied, when a buffer owns its memory (a small one may share Node's pool).
  const owned = (b: Buffer) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength;
  const buffers = 'results' in reply ? reply.results.flatMap((r) => (r.ok && owned(r.advice.detail) ? [r.advice.detail.buffer as ArrayBuffer] : [])) : [];
  parentPort!.postMessage(reply, buffers);
});
