// What the HTTP API is given by the composition root (boot/): the services it calls, and the few edges it
// uses itself (health probes, the rate counter, the logger). Routes see nothing else.
import type { Logger } from '../runtime/logger.ts';
import type { RateCounter } from '../runtime/rate-counter.ts';
import type { PrivateRedisHealth } from '../runtime/redis.ts';
import type { AccountService } from '../services/account.service.ts';
import type { CohortService } from '../services/cohort.service.ts';
import type { CorporateService } from '../services/corporate.service.ts';
import type { KnowledgeService } from '../services/knowledge.service.ts';
import type { StartupService } from '../services/startup.service.ts';
import type { TagService } from '../services/tag.service.ts';

export interface ApiContext {
  accounts: AccountService;
  startups: StartupService;
  cohorts: CohortService;
  corporate: CorporateService;
  knowledge: KnowledgeService;
  tags: TagService;
  /** Health probes: each resolves when its dependency answers. */
  probes: { database: () => Promise<unknown>; redis: () => Promise<unknown> };
  /** The private Redis' state (restarts), or null when Redis is given by REDIS_URL. */
  redisHealth: () => PrivateRedisHealth | null;
  rateCounter: RateCounter;
  rateLimits: { perAccount: number; perAddress: number };
  /** Express' "trust proxy": how many proxies in front may set X-Forwarded-For (the address the limit counts). */
  trustProxy: number;
  logger: Logger;
}
