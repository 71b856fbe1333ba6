// `foothold start`: the whole product in one process on the embedded default.
import type { Command } from 'commander';
import { Redis } from 'ioredis';
import { createApp } from '../../api/app.ts';
import { ensureKnowledgeBase } from '../../kb/import.ts';
import { embedKnowledgeBase } from '../../models/embed-kb.ts';
import { Encoder } from '../../models/encoder.ts';
import { createLogger } from '../../runtime/logger.ts';
import { provideRedis } from '../../runtime/redis.ts';
import { withContext } from '../context.ts';
import { progressBar } from '../progress.ts';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start Foothold (API and web) on the embedded database, seeding it on first run')
    .action(async () => {
      await withContext(async ({ config, db, lifecycle }) => {
        const logger = createLogger(config.logLevel);
        const bar = progressBar();
        const seeded = await ensureKnowledgeBase(db.pool, bar);
        const encoder = await Encoder.load();
        await embedKnowledgeBase(db.pool, encoder, bar);
        bar.stop();
        if (seeded) console.error(`Knowledge base seeded: ${Object.entries(seeded.counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
        const redisHandle = await provideRedis(config.redisUrl, config.dataDir);
        lifecycle.add('redis-server', () => redisHandle.close());
        const redis = new Redis(redisHandle.url, { maxRetriesPerRequest: 1 });
        redis.on('error', (e) => logger.warn({ err: e }, 'redis connection error'));
        lifecycle.add('redis connection', async () => void redis.disconnect());
        const app = createApp({ pool: db.pool, redis, logger });
        const server = app.listen(config.port, config.host);
        await new Promise<void>((ok, fail) => server.once('listening', ok).once('error', fail));
        lifecycle.add('http server', () => new Promise((ok) => server.close(() => ok())));
        const address = server.address() as { port: number };
        console.log(`Foothold is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${address.port}/`);
        await new Promise<never>(() => {}); // until SIGINT/SIGTERM
      });
    });
}
