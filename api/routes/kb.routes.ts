// The knowledge base: public reads (every record carries its sources), city search, and the admin's import
// and re-embedding.
import { ClusterId, ClusterQuery, EcosystemMapQuery, KbUpload, OrganizationQuery, PlaceQuery, ProgramQuery } from '../../services/knowledge.service.ts';
import { route } from '../route.ts';

export const kbRoutes = [
  route({
    method: 'get',
    path: '/api/v1/clusters',
    summary: 'Clusters (public); strongest first when filtered by tag',
    access: 'public',
    query: ClusterQuery,
    responses: { 200: '{total, items, limit, offset}' },
    async handle({ query, res }, { knowledge }) {
      res.json({ ...(await knowledge.clusters(query)), limit: query.limit, offset: query.offset });
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/clusters/:id',
    summary: 'One cluster: record, place, profile, sources',
    access: 'public',
    responses: { 200: 'the cluster', 404: 'unknown' },
    async handle({ params, res }, { knowledge }) {
      res.json(await knowledge.cluster(ClusterId.parse(params.id)));
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/ecosystems/map',
    summary: 'Every ecosystem, curated and derived, for the world map (public): strength is the score in ?tag, or organisations + startups without one',
    access: 'public',
    query: EcosystemMapQuery,
    responses: { 200: '{items: [{id, name, country, origin, lat, lon, organizations, ventures, coverage, strength}]}', 400: 'a malformed or unknown tag' },
    async handle({ query, res }, { knowledge }) {
      res.json(await knowledge.ecosystemMap(query.tag));
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/kb/coverage',
    summary: 'What the knowledge base holds and lacks per country (public), with the totals',
    access: 'public',
    responses: { 200: '{items: [{country, name, ecosystems: {curated, derived}, universities, researchCenters, corporates, corporatesWithPrograms, ventures, programs, programsServingFounders, costFigures, missing}], totals}' },
    async handle({ res }, { knowledge }) {
      res.json(await knowledge.coverage());
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/organizations',
    summary: 'Organisations (public)',
    access: 'public',
    query: OrganizationQuery,
    responses: { 200: '{total, items, limit, offset}' },
    async handle({ query, res }, { knowledge }) {
      res.json({ ...(await knowledge.organizations(query)), limit: query.limit, offset: query.offset });
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/programs',
    summary: 'Programmes (public)',
    access: 'public',
    query: ProgramQuery,
    responses: { 200: '{total, items, limit, offset}' },
    async handle({ query, res }, { knowledge }) {
      res.json({ ...(await knowledge.programs(query)), limit: query.limit, offset: query.offset });
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/places',
    summary: 'City autocomplete from GeoNames (public): ?q=prefix&country=BE',
    access: 'public',
    query: PlaceQuery,
    responses: { 200: '{items: [{name, country, population, lat, lon}]}' },
    handle({ query, res }, { knowledge }) {
      res.json({ items: knowledge.places(query.q, query.limit, query.country) });
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/kb/import',
    summary: 'Import knowledge-base records (all or nothing), then re-embed through the queue',
    access: ['admin'],
    body: KbUpload,
    bodyLimit: '10mb',
    responses: { 200: 'the import summary', 400: 'bad records, every one listed; nothing imported', 503: 'queue unavailable: nothing imported' },
    async handle({ body, res }, { knowledge }) {
      res.json(await knowledge.importUpload(body));
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/kb/reembed',
    summary: 'Re-embed the knowledge base through the queue',
    access: ['admin'],
    responses: { 202: '{jobId}', 503: 'queue unavailable' },
    async handle({ res }, { knowledge }) {
      const job = await knowledge.reembed();
      res.status(202).json({ jobId: job.id, state: job.state });
    },
  }),
];
