import { defineConfig } from 'vitest/config';
import SummaryReporter from './test/summary-reporter.ts';

// Projects: unit tests once; the integration suite on the embedded database, and again on a Postgres server
// with pgvector when TEST_DATABASE_URL is set (scripts/test-postgres.sh setup prints it), with the tests only
// a server can run; the browser tests once.
const server = process.env.TEST_DATABASE_URL;
// Each integration project seeds the knowledge base once; test files copy it (test/helpers/seed.ts).
const SEED = 'test/helpers/seed.global.ts';
// Integration files the server project need not run again: the encoder's (no database), and a first start
// (on a server, test/server/scale-out.test.ts starts two at once on an empty database).
const RUN_ONCE = ['test/integration/train.test.ts', 'test/integration/encoder.test.ts', 'test/integration/cli-start.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default', new SummaryReporter()],
    // Two cores: integration files each start a database and a Redis; run at most two files at once.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/architecture/**/*.test.ts'] } },
      { extends: true, test: { name: 'embedded', include: ['test/integration/**/*.test.ts', 'test/browser/**/*.test.ts'], env: { FOOTHOLD_TEST_BACKEND: 'embedded' }, globalSetup: [SEED] } },
      ...(server
        ? [{ extends: true as const, test: { name: 'server', include: ['test/integration/**/*.test.ts', 'test/server/**/*.test.ts'], exclude: RUN_ONCE, env: { FOOTHOLD_TEST_BACKEND: 'server' }, globalSetup: [SEED] } }]
        : []),
    ],
  },
});
