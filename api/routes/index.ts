// The route table: every route of the API, in one list. The router (api/app.ts), the role checks
// (api/route.ts) and the OpenAPI document (api/openapi.ts) are made from it.
import type { RouteDef } from '../route.ts';
import { cohortRoutes } from './cohorts.routes.ts';
import { corporateRoutes } from './corporate.routes.ts';
import { healthRoutes } from './health.routes.ts';
import { kbRoutes } from './kb.routes.ts';
import { startupRoutes } from './startups.routes.ts';

export const ROUTES: readonly RouteDef[] = [...healthRoutes, ...kbRoutes, ...startupRoutes, ...cohortRoutes, ...corporateRoutes];
