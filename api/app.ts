// The HTTP application: thin routes over repositories and services, one error handler.
import express from 'express';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import { randomUUID } from 'node:crypto';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../runtime/logger.ts';
import { errorHandler, HttpError } from './errors.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { kbRoutes } from './routes/kb.routes.ts';

export interface Services {
  pool: pg.Pool;
  redis: Redis;
  logger: Logger;
}

export function createApp(services: Services): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
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
  app.use(express.json({ limit: '100kb' }));
  app.use(healthRoutes(services));
  app.use('/api/v1', kbRoutes(services));
  app.use('/api', (req, _res, next) => next(new HttpError(404, 'not_found', `no endpoint ${req.method} ${req.originalUrl}`)));
  app.use(errorHandler);
  return app;
}
