// Postgres advisory lock keys, in one place so that no two uses share one by accident (arbitrary, fixed).
export const LOCKS = {
  /** Migrations: processes starting together apply them once. */
  migrations: 7_240_513,
  /** Knowledge-base imports take turns. */
  knowledgeImport: 7_240_514,
  /** One reconciler pass at a time, across processes. */
  reconciler: 7_240_515,
  /** Seeding an empty database and creating the first admin: once, whoever starts first. */
  firstStart: 7_240_516,
} as const;
