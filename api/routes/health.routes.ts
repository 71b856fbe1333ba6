// GET /health: the database and Redis, each ok or down; 503 when either is down. Public, so it says what is
// down but not the driver's own message (logged instead); a private Redis reports how often it was restarted.
import { Router } from 'express';
import type { Services } from '../app.ts';

const TIMEOUT_MS = 2_000;

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`no answer within ${ms} ms`)), ms).unref())]);

export function healthRoutes({ pool, redis, redisHealth, logger }: Services): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const check = async (name: string, probe: () => Promise<unknown>) => {
      try {
        await withTimeout(probe(), TIMEOUT_MS);
        return { status: 'ok' as const };
      } catch (e) {
        logger.warn({ err: e }, `health: ${name} is down`);
        return { status: 'down' as const, reason: `${name} does not answer` };
      }
    };
    const [database, queue] = await Promise.all([check('the database', () => pool.query('SELECT 1')), check('Redis', () => redis.ping())]);
    const ok = database.status === 'ok' && queue.status === 'ok';
    const managed = redisHealth();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, redis: { ...queue, ...(managed ? { private: { restarts: managed.restarts, lastExitAt: managed.lastExitAt } } : {}) } });
  });
  return router;
}
