// Progress for long CLI work: a bar per stage on a terminal, one line per stage otherwise.
import cliProgress from 'cli-progress';
import type { ProgressListener } from '../services/knowledge.service.ts';

export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressListener & { stop(): void } {
  let stage = '';
  let bar: cliProgress.SingleBar | null = null;
  const listener = (name: string, done: number, total: number) => {
    if (name !== stage) {
      bar?.stop();
      stage = name;
      if (stream.isTTY) {
        bar = new cliProgress.SingleBar({ format: `${name.padEnd(32)} [{bar}] {value}/{total}`, stream, hideCursor: true }, cliProgress.Presets.shades_classic);
        bar.start(total, done);
      } else stream.write(`${name}...\n`);
    } else bar?.update(done);
  };
  return Object.assign(listener, { stop: () => bar?.stop() });
}
