// The HTTP application: thin routes over repositories and services, one error handler.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import express from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import { pinoHttp } from 'pino-http';
import type { Encoder } from '../models/encoder.ts';
import type { Logger } from '../runtime/logger.ts';
import type { AdviceService } from '../services/advice.service.ts';
import type { JobQueue } from '../worker/queue.ts';
import { authenticate } from './auth.ts';
import { rateLimit } from './rate-limit.ts';
import { errorHandler, HttpError } from './errors.ts';
import { docsPage, openApiDocument } from './openapi.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { cohortRoutes } from './routes/cohorts.routes.ts';
import { corporateRoutes } from './routes/corporate.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { kbRoutes } from './routes/kb.routes.ts';
import { startupRoutes } from './routes/startups.routes.ts';

const WEB_DIST = new URL('../web/dist/', import.meta.url).pathname.replace(/\/$/, '');

export interface Services {
  pool: pg.Pool;
  redis: Redis;
  logger: Logger;
  encoder: Encoder;
  advice: AdviceService;
  jobs: JobQueue;
  /** Requests per API key per minute (0: no limit). */
  rateLimitPerMinute: number;
  /** Startups per cohort job. */
  cohortBatchSize: number;
}

export function createApp(services: Services): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: services.logger,
      genReqId: (req, res) => {
        const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
    }),
  );
  // JSON bodies are small (100 kB) everywhere but the cohort upload, which parses its own.
  const json = express.json({ limit: '100kb' });
  app.use((req, res, next) => (req.method === 'POST' && req.path === '/api/v1/cohorts' ? next() : json(req, res, next)));
  app.use(healthRoutes(services));
  const version = process.env.npm_package_version ?? '0.1.0';
  app.get('/api/v1/openapi.json', (_req, res) => void res.json(openApiDocument(version)));
  app.get('/api/docs', (_req, res) => void res.type('html').send(docsPage(version)));
  // The knowledge base is public reference data; everything else needs an API key.
  app.use('/api/v1', kbRoutes(services));
  app.use('/api/v1', authenticate(services.pool), rateLimit(services.redis, services.rateLimitPerMinute), startupRoutes(services), cohortRoutes(services), corporateRoutes(services), adminRoutes(services));
  app.use('/api', (req, _res, next) => next(new HttpError(404, 'not_found', `no endpoint ${req.method} ${req.originalUrl}`)));
  // The web front end (built by `npm run build:web`), on the same port; every other path is the app's.
  if (existsSync(WEB_DIST)) {
    app.use(express.static(WEB_DIST, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!api\/|health$).*/, (_req, res) => res.sendFile(`${WEB_DIST}/index.html`));
  }
  app.use(errorHandler);
  return app;
}
