// The OpenAPI document, generated from the route table and the zod schemas that validate the requests, and a
// plain HTML page that lists it (no scripts, no CDN: it works offline and under a strict content security policy).
import { z } from 'zod';
import type { RouteDef } from './route.ts';
import { ROUTES } from './routes/index.ts';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const queryParameters = (schema: z.ZodType) =>
  Object.entries((schema as z.ZodObject).shape ?? {}).map(([name, s]) => ({ name, in: 'query', required: false, schema: json(s as z.ZodType) }));
/** `/api/v1/startups/:id` as OpenAPI writes it: `/api/v1/startups/{id}`. */
const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

export function openApiDocument(version: string, routes: readonly RouteDef[] = ROUTES) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const body = r.body ?? r.documentedBody;
    (paths[openApiPath(r.path)] ??= {})[r.method] = {
      summary: r.summary,
      ...(r.access === 'public' ? {} : { security: [{ apiKey: [] }], description: `Roles: ${r.access.join(', ')}` }),
      ...(r.query ? { parameters: queryParameters(r.query) } : {}),
      ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: json(body) } } } } : {}),
      responses: Object.fromEntries(Object.entries(r.responses).map(([code, description]) => [code, { description }])),
    };
  }
  paths['/api/v1/openapi.json'] = { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } };
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
