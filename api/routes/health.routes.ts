// GET /health: the database and Redis, each ok or down; 503 when either is down. Public, so it says what is
// down but not the driver's own message (logged instead); a private Redis reports how often it was restarted.
import { route } from '../route.ts';

const TIMEOUT_MS = 2_000;

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`no answer within ${ms} ms`)), ms).unref())]);

export const healthRoutes = [
  route({
    method: 'get',
    path: '/health',
    summary: 'Database and Redis status',
    access: 'public',
    responses: { 200: 'ok', 503: 'degraded, with what is down' },
    async handle({ res }, { probes, redisHealth, logger }) {
      const check = async (name: string, probe: () => Promise<unknown>) => {
        try {
          await withTimeout(probe(), TIMEOUT_MS);
          return { status: 'ok' as const };
        } catch (e) {
          logger.warn({ err: e }, `health: ${name} is down`);
          return { status: 'down' as const, reason: `${name} does not answer` };
        }
      };
      const [database, redis] = await Promise.all([check('the database', probes.database), check('Redis', probes.redis)]);
      const ok = database.status === 'ok' && redis.status === 'ok';
      const managed = redisHealth();
      res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, redis: { ...redis, ...(managed ? { private: { restarts: managed.restarts, lastExitAt: managed.lastExitAt } } : {}) } });
    },
  }),
];
