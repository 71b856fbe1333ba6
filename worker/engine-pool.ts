// Engine threads: the advice engine is pure CPU work, so it runs on the machine's other cores while the
// main thread keeps the database (PGlite is in-process), the queue and HTTP. Batches go to the least busy
// thread; each thread is sent the knowledge slice once per knowledge-base version.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { KnowledgeSlice, ResolvedStartup } from '../engine/advice/context.ts';
import type { EngineResult, EngineRunner } from '../services/advice.service.ts';

export type EngineRequest =
  | { type: 'knowledge'; key: string; slice: KnowledgeSlice }
  | { type: 'advise'; id: number; key: string; at: string; startups: ResolvedStartup[] };
export type EngineReply = { id: number; results: EngineResult[] } | { id: number; error: string };

const YOUNG_GENERATION_MB = 16;

/** Threads by default: one per core beyond the main thread's, at least one. */
export const defaultEngineThreads = () => Math.max(1, availableParallelism() - 1);

interface Thread {
  worker: Worker;
  knowledgeKey: string | null;
  pending: Map<number, { resolve: (r: EngineResult[]) => void; reject: (e: Error) => void }>;
}

export class EnginePool implements EngineRunner {
  private readonly threads: Thread[] = [];
  private nextId = 0;
  private closing = false;

  constructor(private readonly size = defaultEngineThreads()) {
    if (size < 1) throw new Error('an engine pool needs at least one thread');
    // Started now rather than on the first job: loading a thread's modules takes about a second.
    for (let i = 0; i < size; i++) this.spawn();
  }

  private spawn(): Thread {
    // A small young generation: the thread's garbage is short-lived advice objects, and the default (sized
    // for the main thread) held tens of megabytes more at the peak of a cohort.
    const worker = new Worker(new URL('./engine-thread.js', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    const thread: Thread = { worker, knowledgeKey: null, pending: new Map() };
    worker.on('message', (reply: EngineReply) => {
      const waiting = thread.pending.get(reply.id);
      thread.pending.delete(reply.id);
      if ('error' in reply) waiting?.reject(new Error(`engine thread: ${reply.error}`));
      else
        waiting?.resolve(
          // Transferred buffers arrive as plain Uint8Arrays; the database driver wants Buffers.
          reply.results.map((r) => (r.ok ? { ok: true, advice: { headline: r.advice.headline, detail: Buffer.from(r.advice.detail.buffer, r.advice.detail.byteOffset, r.advice.detail.byteLength) } } : r)),
        );
    });
    // A thread that dies fails its batches (the queue retries them); the next call starts a new one.
    const fail = (e: Error) => {
      const i = this.threads.indexOf(thread);
      if (i >= 0) this.threads.splice(i, 1);
      for (const { reject } of thread.pending.values()) reject(e);
      thread.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`engine thread exited with code ${code}`)));
    this.threads.push(thread);
    return thread;
  }

  private pick(): Thread {
    if (this.threads.length < this.size) return this.spawn();
    return this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  private send(thread: Thread, knowledge: { key: string; slice: KnowledgeSlice }): void {
    if (thread.knowledgeKey === knowledge.key) return;
    thread.worker.postMessage({ type: 'knowledge', key: knowledge.key, slice: knowledge.slice } satisfies EngineRequest);
    thread.knowledgeKey = knowledge.key;
  }

  /** Send the knowledge slice ahead of the first job (copying it to a thread takes a moment). */
  preload(knowledge: { key: string; slice: KnowledgeSlice }): void {
    for (const thread of this.threads) this.send(thread, knowledge);
  }

  /** Advice for resolved startups, encoded for storage, in their order. */
  advise(knowledge: { key: string; slice: KnowledgeSlice }, startups: ResolvedStartup[], at: Date): Promise<EngineResult[]> {
    if (this.closing) return Promise.reject(new Error('the engine pool is closing'));
    const thread = this.pick();
    this.send(thread, knowledge);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ type: 'advise', id, key: knowledge.key, at: at.toISOString(), startups } satisfies EngineRequest);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
    this.threads.length = 0;
  }
}
