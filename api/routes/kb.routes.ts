// Read endpoints of the knowledge base. Every record carries its sources.
import { Router } from 'express';
import { z } from 'zod';
import * as kb from '../../db/repositories/kb.repository.ts';
import { ORGANIZATION_TYPES, PROGRAM_KINDS } from '../../engine/kb/schema.ts';
import { loadGazetteer } from '../../kb/gazetteer.ts';
import type { Services } from '../app.ts';
import { notFound } from '../../engine/errors.ts';

const page = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('page size (1-200)'),
  offset: z.coerce.number().int().min(0).default(0).describe('records to skip'),
};
const tag = z.string().regex(/^[a-z0-9-]+$/).describe('a taxonomy tag id, e.g. semiconductors');
const country = z.string().regex(/^[A-Za-z]{2}$/).transform((s) => s.toUpperCase()).describe('ISO 3166-1 alpha-2');
const clusterId = z.string().regex(/^[a-z0-9-]+$/).describe('a cluster id, e.g. eindhoven-brainport');

export const ClusterQuery = z.object({ ...page, tag: tag.optional(), country: country.optional() }).strict();
export const OrganizationQuery = z
  .object({ ...page, tag: tag.optional(), type: z.enum(ORGANIZATION_TYPES).optional(), country: country.optional(), cluster: clusterId.optional() })
  .strict();
export const ProgramQuery = z
  .object({
    ...page,
    tag: tag.optional(),
    kind: z.enum(PROGRAM_KINDS).optional(),
    country: country.optional(),
    cluster: clusterId.optional(),
    servesFoundersFrom: country.optional(),
  })
  .strict();

const PlaceQuery = z.object({ q: z.string().trim().min(2).max(80), country: country.optional(), limit: z.coerce.number().int().min(1).max(20).default(8) }).strict();

export function kbRoutes({ pool }: Services): Router {
  const router = Router();
  // City autocomplete from GeoNames (the same gazetteer that resolves profiles).
  router.get('/places', (req, res) => {
    const q = PlaceQuery.parse(req.query);
    res.json({ items: loadGazetteer().search(q.q, q.limit, q.country).map(({ name, country: c, population, lat, lon }) => ({ name, country: c, population, lat, lon })) });
  });
  router.get('/clusters', async (req, res) => {
    const q = ClusterQuery.parse(req.query);
    res.json({ ...(await kb.listClusters(pool, q)), limit: q.limit, offset: q.offset });
  });
  router.get('/clusters/:id', async (req, res) => {
    const cluster = await kb.getCluster(pool, clusterId.parse(req.params.id));
    if (!cluster) throw notFound(`cluster ${req.params.id}`);
    res.json(cluster);
  });
  router.get('/organizations', async (req, res) => {
    const q = OrganizationQuery.parse(req.query);
    res.json({ ...(await kb.listOrganizations(pool, q)), limit: q.limit, offset: q.offset });
  });
  router.get('/programs', async (req, res) => {
    const q = ProgramQuery.parse(req.query);
    res.json({ ...(await kb.listPrograms(pool, q)), limit: q.limit, offset: q.offset });
  });
  return router;
}
