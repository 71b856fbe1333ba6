// `foothold kb stats` and `foothold kb import <file>`.
import type { Command } from 'commander';
import { knowledgeBaseStats, type KnowledgeBaseStats } from '../../db/repositories/kb.repository.ts';
import { INDICATORS, type IndicatorName } from '../../engine/kb/indicators.ts';
import { importFile, ensureKnowledgeBase } from '../../kb/import.ts';
import { withContext } from '../context.ts';
import { progressBar } from '../progress.ts';
import { table } from '../table.ts';

function printStats(s: KnowledgeBaseStats): void {
  const out: string[] = [];
  if (s.import) out.push(`Knowledge base compiled ${s.import.compiled}, imported ${s.import.importedAt}`, '');
  out.push('Records', table(['kind', 'type', 'count'], s.counts.map((c) => [c.kind, c.type || '-', c.count])), '');
  out.push(
    'Places (every city geocoded through GeoNames; linked = inside a cluster radius, else nearest cluster kept)',
    table(
      ['records', 'count', 'sites', 'geocoded', 'inside a cluster', 'no place (multi-country)'],
      s.places.map((p) => [p.owner, p.records, p.sites, p.geocoded, p.withinCluster, p.unplaced]),
    ),
    '',
  );
  out.push(
    'Cluster indicators (coverage: share of clusters with a value)',
    table(
      ['indicator', 'coverage', 'reported', 'inherited', 'counted', 'missing', 'meaning'],
      s.coverage.map((c) => [
        c.indicator,
        `${Math.round((100 * (c.clusters - c.missing)) / Math.max(c.clusters, 1))}%`,
        c.reported,
        c.inherited,
        c.counted,
        c.missing,
        INDICATORS[c.indicator as IndicatorName] ?? '',
      ]),
    ),
    '',
  );
  out.push(
    'By country',
    table(['country', 'clusters', 'organizations', 'programs'], s.byCountry.map((c) => [c.country, c.clusters, c.organizations, c.programs])),
  );
  console.log(out.join('\n'));
}

export function registerKbCommands(program: Command): void {
  const kb = program.command('kb').description('the knowledge base: clusters, organisations, programmes');

  kb.command('stats')
    .description('counts per type and country, geocoding and linking, coverage of every indicator')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withContext(async ({ db }) => {
        const bar = progressBar();
        await ensureKnowledgeBase(db.pool, bar);
        bar.stop();
        const stats = await knowledgeBaseStats(db.pool);
        if (opts.json) console.log(JSON.stringify(stats, null, 2));
        else printStats(stats);
      });
    });

  kb.command('import <file>')
    .description('import records (JSON in the foothold-kb/1 format, or CSV of organisations); all or nothing')
    .action(async (file: string) => {
      await withContext(async ({ db }) => {
        const bar = progressBar();
        const summary = await importFile(db.pool, file, bar);
        bar.stop();
        console.log(`Imported ${summary.imported} ${summary.kind} record(s) from ${file}.`);
        console.log(Object.entries(summary.counts).map(([k, v]) => `${k}: ${v}`).join(', '));
      });
    });
}
