// The HTTP application: the route table mounted behind identification and the rate limit, the web front
// end on the same port, one error handler.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { DomainError } from '../engine/errors.ts';
import { identify, unauthenticated } from './auth.ts';
import type { ApiContext } from './context.ts';
import { errorHandler } from './errors.ts';
import { docsPage, openApiDocument } from './openapi.ts';
import { rateLimit } from './rate-limit.ts';
import { mount } from './route.ts';
import { ROUTES } from './routes/index.ts';

/** The built web front end (`npm run build:web`). */
export const WEB_DIST = new URL('../web/dist/', import.meta.url).pathname.replace(/\/$/, '');

/** A client's request id is kept when it is a plain token (it is echoed into responses and logs); else a new one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function createApp(ctx: ApiContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', ctx.trustProxy);
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: ctx.logger,
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
  const version = process.env.npm_package_version ?? '0.1.0';
  app.get('/api/v1/openapi.json', (_req, res) => void res.json(openApiDocument(version)));
  app.get('/api/docs', (_req, res) => void res.type('html').send(docsPage(version)));
  // Every API request is counted: by its account when it carries a valid key, else by its address.
  app.use('/api/v1', identify(ctx.accounts), rateLimit(ctx.rateCounter, ctx.rateLimits));
  app.use(mount(ROUTES, ctx));
  // An unknown API path is a 404 for a caller with a key, and the usual 401 for one without.
  app.use('/api', (req, _res, next) =>
    next(req.account ? new DomainError('not_found', 'not_found', `no endpoint ${req.method} ${req.originalUrl}`) : unauthenticated(req)),
  );
  // The web front end on the same port: its files, and its page for any other GET.
  if (existsSync(WEB_DIST)) {
    app.use(express.static(WEB_DIST, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!api\/|health$).*/, (_req, res) => res.sendFile(`${WEB_DIST}/index.html`));
  }
  app.use((req, _res, next) => next(new DomainError('not_found', 'not_found', `nothing at ${req.method} ${req.path}`)));
  app.use(errorHandler);
  return app;
}
