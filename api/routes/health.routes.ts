import { Router } from 'express';
import type { Services } from '../app.ts';

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`no answer within ${ms} ms`)), ms))]);

/** GET /health: the database and Redis, each ok or down with the reason; 503 when either is down. */
export function healthRoutes({ pool, redis }: Services): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const check = async (probe: () => Promise<unknown>) => {
      try {
        await withTimeout(probe(), 2000);
        return { status: 'ok' as const };
      } catch (e) {
        return { status: 'down' as const, reason: (e as Error).message };
      }
    };
    const [database, queue] = await Promise.all([check(() => pool.query('SELECT 1')), check(() => redis.ping())]);
    const ok = database.status === 'ok' && queue.status === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, redis: queue });
  });
  return router;
}
