// The HTTP application: thin routes over repositories and services, one error handler.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import express from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import { pinoHttp } from 'pino-http';
import { DomainError } from '../engine/errors.ts';
import { textProblems } from '../engine/text.ts';
import type { Encoder } from '../models/encoder.ts';
import type { Logger } from '../runtime/logger.ts';
import type { PrivateRedisHealth } from '../runtime/redis.ts';
import type { AdviceService } from '../services/advice.service.ts';
import type { CohortProgress } from '../services/cohort-progress.ts';
import type { StartupService } from '../services/startup.service.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { authenticated, identify } from './auth.ts';
import { type RateLimits, rateLimit } from './rate-limit.ts';
import { errorHandler } from './errors.ts';
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
  /** The private Redis' state (restarts), or null when Redis is given by REDIS_URL. */
  redisHealth: () => PrivateRedisHealth | null;
  logger: Logger;
  encoder: Encoder;
  advice: AdviceService;
  jobs: JobQueue;
  startups: StartupService;
  progress: CohortProgress;
  rateLimits: RateLimits;
  /** Express' "trust proxy": how many proxies in front may set X-Forwarded-For (the address the limit counts). */
  trustProxy: number;
  /** Startups per cohort job. */
  cohortBatchSize: number;
}

/** A client's request id is kept when it is a plain token (it is echoed into responses and logs); else a new one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Every JSON body and query string, checked once for text that cannot be stored and for absurd nesting. */
function guardText(req: express.Request, _res: express.Response, next: express.NextFunction) {
  const problems = [...textProblems(req.query, 'query'), ...(isCohortUpload(req) ? [] : textProblems(req.body))];
  if (problems.length) return next(new DomainError('invalid', 'invalid_text', 'The request holds text that cannot be stored', problems));
  next();
}

/** The cohort upload parses its own body (10 MB, JSON or CSV) and checks each row on its own: a bad row is a rejected row. */
const isCohortUpload = (req: express.Request) => req.method === 'POST' && req.path === '/api/v1/cohorts';

export function createApp(services: Services): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', services.trustProxy);
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: services.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: req.url, remoteAddress: req.remoteAddress }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  // JSON bodies are small (100 kB) everywhere but the cohort upload, which parses its own.
  const json = express.json({ limit: '100kb' });
  app.use((req, res, next) => (isCohortUpload(req) ? next() : json(req, res, next)));
  app.use(guardText);
  app.use(healthRoutes(services));
  const version = process.env.npm_package_version ?? '0.1.0';
  app.get('/api/v1/openapi.json', (_req, res) => void res.json(openApiDocument(version)));
  app.get('/api/docs', (_req, res) => void res.type('html').send(docsPage(version)));
  // Every API request is counted: by its account when it carries a valid key, else by its address.
  app.use('/api/v1', identify(services.pool), rateLimit(services.redis, services.rateLimits));
  // The knowledge base is public reference data; everything else needs an API key.
  app.use('/api/v1', kbRoutes(services));
  app.use('/api/v1', authenticated, startupRoutes(services), cohortRoutes(services), corporateRoutes(services), adminRoutes(services));
  app.use('/api', (req, _res, next) => next(new DomainError('not_found', 'not_found', `no endpoint ${req.method} ${req.originalUrl}`)));
  // The web front end (built by `npm run build:web`), on the same port: its files, and its page for any other GET.
  if (existsSync(WEB_DIST)) {
    app.use(express.static(WEB_DIST, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!api\/|health$).*/, (_req, res) => res.sendFile(`${WEB_DIST}/index.html`));
  }
  app.use((req, _res, next) => next(new DomainError('not_found', 'not_found', `nothing at ${req.method} ${req.path}`)));
  app.use(errorHandler);
  return app;
}
