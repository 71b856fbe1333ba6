// `foothold start` as a user runs it: it seeds, serves the API and the web front end, reports health, and
// shuts down cleanly on SIGTERM — on the embedded database, or on a server (the server backend).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processDatabase } from '../helpers/db.ts';
import { startFoothold } from '../helpers/process.ts';

let drop = async () => {};
afterAll(() => drop());

describe('foothold start', () => {
  it('seeds, serves the API and the web page, reports health, and shuts down cleanly on SIGTERM', async () => {
    const database = await processDatabase();
    drop = database.drop;
    const app = await startFoothold({ FOOTHOLD_DATA_DIR: mkdtempSync(join(tmpdir(), 'foothold-start-')), ...database.env });
    expect(app.output()).toMatch(/Created the local admin account\. Its API key, shown only this once:\n {2}fh_\S+/);
    const health = await fetch(`${app.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ database: { status: 'ok' }, redis: { status: 'ok' } });
    const clusters = (await (await fetch(`${app.url}/api/v1/clusters?limit=1`)).json()) as { total: number };
    expect(clusters.total).toBeGreaterThanOrEqual(400); // the curated clusters and the ecosystems found in open data
    const page = await fetch(`${app.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<div id="app">/);

    expect(await app.stop('SIGTERM')).toBe(0);
    expect(app.output()).toMatch(/SIGTERM: shutting down/);
    await expect(fetch(`${app.url}/health`)).rejects.toThrow();
  }, 240_000); // a first start: seeding and embedding the world knowledge base (about 30 s alone, longer beside other tests)
});
