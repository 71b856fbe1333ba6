// `foothold eval --cases <file>`: the advice engine on real companies' placements, against baselines.
import type { Command } from 'commander';
import { loadGazetteer } from '../../sources/gazetteer.ts';
import { EvalFileSchema, type PlacementReport, evaluateCases, PLACEMENT_METHODS, PATTERNS } from '../../evaluation/placement.ts';
import { withContext } from '../context.ts';
import { table } from '../table.ts';
import { adviceService, InputError, readJsonInput } from './advise.ts';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function printReport(r: PlacementReport): void {
  const rows = (['execHitAt1', 'execHitAt3', 'execHitAt5', 'techHitAt1', 'patternAccuracy'] as const).map((metric) => [
    metric,
    ...PLACEMENT_METHODS.map((m) => pct(r.results[m][metric])),
  ]);
  const out = [
    `${r.evaluated} of ${r.cases} cases evaluated`,
    ...r.unresolved.map((u) => `  not evaluated: ${u.id}: ${u.reason}`),
    '',
    table(['metric', ...PLACEMENT_METHODS], rows),
    `always guessing "${r.majorityPattern.pattern}" (the most common pattern): ${pct(r.majorityPattern.rate)}`,
    '',
    'Pattern confusion for the engine (rows: actual, columns: predicted)',
    table(['actual \\ predicted', ...PATTERNS], PATTERNS.map((a) => [a, ...PATTERNS.map((p) => r.results.engine.confusion[a][p])])),
    '',
    'Per case (engine)',
    table(
      ['case', 'expected exec', 'engine exec (top 3)', 'hit rank', 'expected tech', 'engine tech', 'pattern (expected/engine)'],
      r.outcomes.map((o) => [o.id, o.expected.exec, o.engine.exec.join(' | '), o.engine.execHitRank ?? '-', o.expected.tech, o.engine.tech, `${o.expected.pattern}/${o.engine.pattern}`]),
    ),
  ];
  console.log(out.join('\n'));
}

export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('evaluate the advice engine on real companies’ placements (format: docs/evaluation.md)')
    .requiredOption('--cases <file>', 'a JSON file of cases')
    .option('--json', 'print JSON')
    .action(async (opts: { cases: string; json?: boolean }) => {
      const file = EvalFileSchema.safeParse(readJsonInput(opts.cases));
      if (!file.success) throw new InputError(`${opts.cases}: expected {"cases": [...]} (docs/evaluation.md)`);
      await withContext('eval', async (ctx) => {
        const report = await evaluateCases(file.data.cases, await adviceService(ctx), loadGazetteer());
        if (opts.json) console.log(JSON.stringify(report, null, 2));
        else printReport(report);
      });
    });
}
