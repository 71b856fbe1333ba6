// vitest globalSetup of the embedded and server projects: the run's seeded knowledge base (test/helpers/seed.ts).
import type { TestProject } from 'vitest/node';
import { ensureSeed, seedKey } from './seed.ts';

export default async function setup(project: TestProject): Promise<void> {
  await ensureSeed(project.config.env?.FOOTHOLD_TEST_BACKEND === 'server' ? 'server' : 'embedded');
  project.provide('seedKey', seedKey());
}
