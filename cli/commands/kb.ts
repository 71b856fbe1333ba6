// `foothold kb stats` and `foothold kb import <file>`.
import type { Command } from 'commander';
import type { KnowledgeBaseStats } from '../../db/repositories/kb-stats.repository.ts';
import { INDICATORS, type IndicatorName } from '../../engine/kb/indicators.ts';
import { DomainError, type ErrorDetail } from '../../engine/errors.ts';
import { type ImportResult, KnowledgeService } from '../../services/knowledge.service.ts';
import { readKbFile } from '../../sources/kb-files.ts';
import { loadConfig } from '../../runtime/config.ts';
import { runningServer } from '../control.ts';
import { withContext } from '../context.ts';
import { progressBar } from '../progress.ts';
import { table } from '../table.ts';

/** The countries a founder is most likely to ask about first are shown in full; `--json` has every one. */
function printStats(s: KnowledgeBaseStats, opts: { country?: string }): void {
  const out: string[] = [];
  const t = s.totals;
  if (s.import) out.push(`Knowledge base compiled ${s.import.compiled}, imported ${s.import.importedAt}`);
  out.push(
    `${t.ecosystems} ecosystems (${t.curatedClusters} curated clusters, ${t.derivedEcosystems} found in open data) in ${t.countriesWithEcosystem} countries; ` +
      `${t.organizations} organisations, ${t.ventures} startups, ${t.programs} programmes, ${t.rankings} rankings; ` +
      `${t.recordsWithSource} of ${t.records} records keep a source.`,
    '',
  );
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
    'Ecosystem indicators (coverage: share of ecosystems with a value)',
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
  const countries = opts.country ? s.byCountry.filter((c) => c.country === opts.country!.toUpperCase()) : s.byCountry;
  out.push(
    'By country: what is known, and what is missing',
    table(
      ['country', 'ecosystems', 'univ.', 'research', 'corporates', 'with programme', 'startups', 'programmes for its founders', 'missing'],
      countries.map((c) => [
        `${c.country} ${c.name ?? ''}`.trim(),
        `${c.ecosystems.curated}+${c.ecosystems.derived}`,
        c.universities,
        c.researchCenters,
        c.corporates,
        c.corporatesWithPrograms,
        c.ventures,
        c.programsServingFounders,
        c.missing.join('; ') || '-',
      ]),
    ),
  );
  if (opts.country) {
    const ecosystems = s.byEcosystem.filter((e) => e.country === opts.country!.toUpperCase());
    out.push(
      '',
      'Ecosystems',
      table(
        ['id', 'name', 'origin', 'organisations', 'startups', 'indicators known', 'specialisations', 'missing indicators'],
        ecosystems.map((e) => [e.id, e.name, e.origin, e.organizations, e.ventures, `${Math.round(100 * e.coverage)}%`, e.specializations.slice(0, 4).join(', ') || '-', e.missingIndicators.join(', ')]),
      ),
    );
  }
  console.log(out.join('\n'));
}

export function registerKbCommands(program: Command): void {
  const kb = program.command('kb').description('the knowledge base: clusters, organisations, programmes');

  kb.command('stats')
    .description('what the knowledge base knows and lacks: per kind, per country and per ecosystem')
    .option('--json', 'print JSON (every country and ecosystem)')
    .option('--country <code>', 'one country in full, with its ecosystems')
    .action(async (opts: { json?: boolean; country?: string }) => {
      const print = (stats: KnowledgeBaseStats) => (opts.json ? console.log(JSON.stringify(stats, null, 2)) : printStats(stats, opts));
      const server = await runningServer(loadConfig());
      if (server) return print(await server.call<KnowledgeBaseStats>('GET', '/kb/stats'));
      await withContext('kb stats', async ({ db }) => {
        const bar = progressBar();
        const knowledge = new KnowledgeService(db.pool);
        await knowledge.ensure(bar);
        bar.stop();
        print(await knowledge.stats());
      });
    });

  kb.command('import <file>')
    .description('import records (JSON in the foothold-kb/1 format, CSV of organisations, or a ROR data dump); all or nothing')
    .action(async (file: string) => {
      const print = (summary: ImportResult) => {
        console.log(`Imported ${summary.imported} ${summary.kind} record(s) from ${file}${records.skipped ? ` (${records.skipped} registry records left out: types Foothold does not list, inactive, or without a place)` : ''}.`);
        console.log(Object.entries(summary.counts).map(([k, v]) => `${k}: ${v}`).join(', '));
      };
      const records = readKbFile(file); // a bad file is refused before anything else happens
      const server = await runningServer(loadConfig());
      const bar = progressBar();
      try {
        if (server) {
          // Beside a running server, the server imports (it owns the database), with its progress shown here.
          let outcome: Record<string, unknown> = {};
          await server.stream('/kb/import', records, (line) => {
            const p = line.progress as { stage: string; done: number; total: number } | undefined;
            if (p) bar(p.stage, p.done, p.total);
            else outcome = line;
          });
          const error = outcome.error as { code: string; message: string; details: ErrorDetail[] } | undefined;
          if (error) throw new DomainError('invalid', error.code, error.message, error.details);
          return print(outcome.result as never);
        }
        await withContext('kb import', async ({ db }) => print(await new KnowledgeService(db.pool).import(records, bar)));
      } finally {
        bar.stop();
      }
    });
}
