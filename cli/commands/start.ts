// `foothold start`: the whole product in one process (API, workers, web) — on the embedded default, or on a
// Postgres server — and `foothold worker`: workers alone, any number of them, against a shared Postgres and Redis.
import type { Server } from 'node:http';
import type { Command } from 'commander';
import { Redis } from 'ioredis';
import { listenForControl } from '../../api/control.ts';
import { openStack } from '../../boot/stack.ts';
import { ensureWebBuilt } from '../../boot/web.ts';
import { DomainError } from '../../engine/errors.ts';
import { createLogger } from '../../runtime/logger.ts';
import { provideRedis } from '../../runtime/redis.ts';
import { checkRedisSafety } from '../../runtime/redis-safety.ts';
import { type Context, withContext } from '../context.ts';
import { progressBar } from '../progress.ts';

async function prepare(ctx: Context, workers: boolean) {
  const { config, db, lifecycle } = ctx;
  const logger = createLogger(config.logLevel);
  const redisHandle = await provideRedis(config.redisUrl, config.dataDir, { logger });
  lifecycle.add('redis-server', () => redisHandle.close());
  const probe = new Redis(redisHandle.url, { maxRetriesPerRequest: 1 });
  try {
    await checkRedisSafety(probe, config.env === 'production', (m) => logger.warn(m));
  } finally {
    probe.disconnect();
  }
  const bar = progressBar();
  const stack = await openStack({
    pool: db.pool,
    redisUrl: redisHandle.url,
    redisHealth: () => redisHandle.health(),
    logger,
    workers,
    onProgress: bar,
    rateLimits: config.rateLimits,
    trustProxy: config.trustProxy,
    cohortBatchSize: config.cohortBatchSize,
    workerOptions: { engineThreads: config.engineThreads, concurrency: config.workerConcurrency },
  });
  bar.stop();
  lifecycle.add('queue and workers', () => stack.close());
  return { stack, logger };
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start Foothold (API, workers and web) on the embedded database, or on DATABASE_URL; seeds the knowledge base on first run')
    .action(async () => {
      await withContext(
        'start',
        async (ctx) => {
          await ensureWebBuilt(createLogger(ctx.config.logLevel), (m) => process.stderr.write(`${m}\n`));
          const { stack } = await prepare(ctx, true);
          const { config, lifecycle, claim } = ctx;
          const adminKey = await stack.context.accounts.createFirstAdmin();
          if (adminKey) console.log(`Created the local admin account. Its API key, shown only this once:\n  ${adminKey}`);
          const server: Server = stack.app.listen(config.port, config.host);
          await new Promise<void>((ok, fail) => server.once('listening', ok).once('error', fail));
          lifecycle.add('http server', () => new Promise((ok) => server.close(() => ok())));
          const { port } = server.address() as { port: number };
          const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/`;
          if (claim) {
            // Commands run beside this server (keys create, kb import, kb stats, advise) come through here.
            const control = await listenForControl({ ...stack.context, advice: stack.advice }, config.dataDir);
            lifecycle.add('control socket', control.close);
            claim.update({ url, control: control.path });
          }
          console.log(`Foothold is running at ${url}`);
          await new Promise<never>(() => {}); // until SIGINT/SIGTERM
        },
        { privateRedis: true },
      );
    });

  program
    .command('worker')
    .description('run queue workers only (needs DATABASE_URL and REDIS_URL shared with the API)')
    .action(async () => {
      await withContext(
        'worker',
        async (ctx) => {
          if (ctx.db.kind === 'embedded')
            throw new DomainError('invalid', 'needs_server', '`foothold worker` needs a Postgres server (DATABASE_URL): the embedded database belongs to one process. On the embedded default, `foothold start` runs the workers.');
          await prepare(ctx, true);
          console.log('Foothold worker is running; stop it with Ctrl-C (SIGTERM).');
          await new Promise<never>(() => {});
        },
        { privateRedis: true },
      );
    });
}
