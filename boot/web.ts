// The web front end is served by the API process from web/dist. `npm start` builds it first; `foothold
// start` run any other way builds it too when it is missing and Vite (a dev dependency) is installed. In an
// image built without dev dependencies it was built at image build time (Dockerfile).
import { existsSync } from 'node:fs';
import { WEB_DIST } from '../api/app.ts';
import type { Logger } from '../runtime/logger.ts';

const CONFIG = new URL('../web/vite.config.ts', import.meta.url).pathname;

/** True when web/dist is there (now). */
export async function ensureWebBuilt(logger: Logger, say: (m: string) => void): Promise<boolean> {
  if (existsSync(`${WEB_DIST}/index.html`)) return true;
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    logger.warn('the web front end is not built and Vite is not installed: the API runs without it (npm ci && npm run build:web)');
    return false;
  }
  say('Building the web front end (once)…');
  await vite.build({ configFile: CONFIG, logLevel: 'warn' });
  return existsSync(`${WEB_DIST}/index.html`);
}
