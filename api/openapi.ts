// The OpenAPI document, generated from the same zod schemas that validate the requests, and a plain HTML
// page that lists it (no scripts, no CDN: it works offline and under a strict content security policy).
import { z } from 'zod';
import { StartupProfileSchema } from '../engine/advice/profile.ts';
import { KbFileHeaderSchema } from '../engine/kb/schema.ts';
import { JsonUpload } from './routes/cohorts.routes.ts';
import { IntroRequest, Search } from './routes/corporate.routes.ts';
import { ClusterQuery, OrganizationQuery, ProgramQuery } from './routes/kb.routes.ts';
import { SuggestBody } from './routes/startups.routes.ts';

type Operation = {
  summary: string;
  roles?: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  responses: Record<string, string>;
};

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const queryParameters = (schema: z.ZodObject) =>
  Object.entries(schema.shape).map(([name, s]) => ({ name, in: 'query', required: false, schema: json(s as z.ZodType) }));

const ERRORS = { 400: 'invalid request: {error: {code, message, details[]}}', 401: 'no or bad API key', 403: 'wrong role', 404: 'not found (or not yours)', 429: 'rate limited' };

export const OPERATIONS: Record<string, Record<string, Operation>> = {
  '/health': { get: { summary: 'Database and Redis status', responses: { 200: 'ok', 503: 'degraded, with reasons' } } },
  '/api/v1/clusters': { get: { summary: 'Clusters (public); strongest first when filtered by tag', query: ClusterQuery, responses: { 200: '{total, items, limit, offset}' } } },
  '/api/v1/clusters/{id}': { get: { summary: 'One cluster: record, place, profile, sources', responses: { 200: 'the cluster', 404: 'unknown' } } },
  '/api/v1/organizations': { get: { summary: 'Organisations (public)', query: OrganizationQuery, responses: { 200: '{total, items, limit, offset}' } } },
  '/api/v1/places': { get: { summary: 'City autocomplete from GeoNames (public): ?q=prefix&country=BE', responses: { 200: '{items: [{name, country, population, lat, lon}]}' } } },
  '/api/v1/programs': { get: { summary: 'Programmes (public)', query: ProgramQuery, responses: { 200: '{total, items, limit, offset}' } } },
  '/api/v1/startups': {
    post: { summary: 'Create a startup profile', roles: 'founder, accelerator, admin', body: StartupProfileSchema, responses: { 201: 'the startup', ...ERRORS } },
    get: { summary: 'The account’s startups', roles: 'founder, accelerator, admin', responses: { 200: '{items}' } },
  },
  '/api/v1/startups/{id}': {
    get: { summary: 'One of the account’s startups', roles: 'founder, accelerator, admin', responses: { 200: 'the startup', 404: 'not found' } },
    put: { summary: 'Replace the profile (its version goes up)', roles: 'founder, accelerator, admin', body: StartupProfileSchema, responses: { 200: 'the startup', ...ERRORS } },
  },
  '/api/v1/startups/{id}/advice': {
    post: { summary: 'Request advice: queued, answered 202 with the job', roles: 'founder, accelerator, admin', responses: { 202: '{jobId, state, result, events}', 503: 'queue unavailable' } },
    get: { summary: 'The advice for the current profile version', roles: 'founder, accelerator, admin', responses: { 200: 'done: the advice', 202: 'pending: {state, progress}', 404: 'not requested', 422: 'the profile could not be advised, with reasons' } },
  },
  '/api/v1/startups/{id}/advice/events': { get: { summary: 'Server-Sent Events: state, progress, done | failed', roles: 'founder, accelerator, admin', responses: { 200: 'text/event-stream' } } },
  '/api/v1/startups/{id}/advice/history': { get: { summary: 'Every advice result of the startup', roles: 'founder, accelerator, admin', responses: { 200: '{items}' } } },
  '/api/v1/tags/suggest': { post: { summary: 'Taxonomy tags for a description, with probabilities', body: SuggestBody, responses: { 200: '{tags}' } } },
  '/api/v1/cohorts': {
    post: {
      summary: 'Upload a cohort: JSON, or CSV (text/csv, ?name=; columns name, description, techCity, techCountry, optional tags, stage, founderCity, founderCountry, targetMarkets, discoverable). Up to 5,000 startups; valid rows go ahead, rejected rows are reported; the same upload twice returns the first cohort.',
      roles: 'accelerator, admin',
      body: JsonUpload,
      responses: { 202: '{cohortId, accepted, rejected[], progress, events}', 200: 'duplicate upload', 413: 'more than 5,000 startups or too large' },
    },
  },
  '/api/v1/cohorts/{id}': { get: { summary: 'Cohort with progress (n of N, failures) and the rejected rows', roles: 'accelerator, admin', responses: { 200: 'the cohort' } } },
  '/api/v1/cohorts/{id}/events': { get: { summary: 'Server-Sent Events: progress until done', roles: 'accelerator, admin', responses: { 200: 'text/event-stream' } } },
  '/api/v1/cohorts/{id}/results': { get: { summary: 'Results per startup (?format=csv for a spreadsheet; formulas neutralised)', roles: 'accelerator, admin', responses: { 200: 'JSON or CSV' } } },
  '/api/v1/cohorts/{id}/summary': { get: { summary: 'Clusters most recommended, partners relevant to many startups, shared bridges', roles: 'accelerator, admin', responses: { 200: 'the summary' } } },
  '/api/v1/search/startups': { post: { summary: 'Search startups that opted in; anonymised results with fit reasons', roles: 'corporate, admin', body: Search, responses: { 200: '{items}' } } },
  '/api/v1/introductions': {
    post: { summary: 'Ask to be introduced to a startup that opted in', roles: 'corporate', body: IntroRequest, responses: { 201: '{id, status}' } },
    get: { summary: 'Introductions to or from the account; contacts once accepted', roles: 'corporate, founder, accelerator', responses: { 200: '{items}' } },
  },
  '/api/v1/introductions/{id}/accept': { post: { summary: 'Accept (the startup’s founder)', roles: 'founder, accelerator', responses: { 200: 'with both contacts', 409: 'already decided' } } },
  '/api/v1/introductions/{id}/decline': { post: { summary: 'Decline (the startup’s founder)', roles: 'founder, accelerator', responses: { 200: 'declined', 409: 'already decided' } } },
  '/api/v1/kb/import': { post: { summary: 'Import knowledge-base records (all or nothing), then re-embed through the queue', roles: 'admin', body: KbFileHeaderSchema, responses: { 200: 'the import summary' } } },
  '/api/v1/kb/reembed': { post: { summary: 'Re-embed the knowledge base through the queue', roles: 'admin', responses: { 202: '{jobId}' } } },
};

export function openApiDocument(version: string) {
  const paths = Object.fromEntries(
    Object.entries(OPERATIONS).map(([path, ops]) => [
      path,
      Object.fromEntries(
        Object.entries(ops).map(([method, op]) => [
          method,
          {
            summary: op.summary,
            ...(op.roles ? { security: [{ apiKey: [] }], description: `Roles: ${op.roles}` } : {}),
            ...(op.query ? { parameters: queryParameters(op.query) } : {}),
            ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: json(op.body) } } } } : {}),
            responses: Object.fromEntries(Object.entries(op.responses).map(([code, description]) => [code, { description }])),
          },
        ]),
      ),
    ]),
  );
  return {
    openapi: '3.1.0',
    info: { title: 'Foothold API', version, description: 'Where to place each function of a startup, whom to approach, which bridges to build.' },
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'an API key from `foothold keys create`' } } },
    paths,
  };
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function docsPage(version: string): string {
  const doc = openApiDocument(version);
  const rows = Object.entries(doc.paths)
    .flatMap(([path, ops]) =>
      Object.entries(ops as Record<string, { summary: string; description?: string; requestBody?: unknown; parameters?: unknown; responses: Record<string, { description: string }> }>).map(
        ([method, op]) => `<section><h2><code>${method.toUpperCase()} ${escape(path)}</code></h2><p>${escape(op.summary)}</p>${op.description ? `<p><em>${escape(op.description)}</em></p>` : ''}
<ul>${Object.entries(op.responses).map(([c, r]) => `<li><code>${c}</code> ${escape(r.description)}</li>`).join('')}</ul>
${op.parameters ? `<details><summary>query parameters</summary><pre>${escape(JSON.stringify(op.parameters, null, 2))}</pre></details>` : ''}
${op.requestBody ? `<details><summary>request body schema</summary><pre>${escape(JSON.stringify(op.requestBody, null, 2))}</pre></details>` : ''}</section>`,
      ),
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Foothold API</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1a1a1a}h2{font-size:1rem;margin:1.5rem 0 .25rem}pre{background:#f4f4f4;padding:.75rem;overflow:auto;font-size:13px}section{border-top:1px solid #ddd}</style></head>
<body><h1>Foothold API ${escape(version)}</h1><p>Send <code>Authorization: Bearer &lt;key&gt;</code>. Errors: <code>{"error": {"code", "message", "details": [{"path", "message"}]}}</code>. Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
${rows}</body></html>`;
}
