import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveKnowledgeBase } from '../../engine/kb/derive.ts';
import { readKbDirectory } from '../../sources/kb-files.ts';
import { loadGazetteer } from '../../sources/gazetteer.ts';
import { ARTIFACTS_DIR } from '../../models/encoder.ts';
import { trainEncoder } from '../../models/train.ts';

describe('training', () => {
  it('reproduces the committed encoder from the knowledge base and the fixed seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foothold-train-'));
    for (const f of ['glove.bin', 'vocab.txt']) copyFileSync(join(ARTIFACTS_DIR, f), join(dir, f));
    const { kb, compiled } = readKbDirectory();
    const gazetteer = loadGazetteer();
    const report = await trainEncoder(deriveKnowledgeBase(kb, (c, k, h) => gazetteer.place(c, k, h), compiled), dir);

    const committed = JSON.parse(readFileSync(join(ARTIFACTS_DIR, 'encoder.json'), 'utf8'));
    expect(report.manifest.tags).toEqual(committed.tags);
    expect(report.manifest.clusters).toEqual(committed.clusters);
    const pcDiff = Math.max(...report.manifest.principalComponent.map((x, i) => Math.abs(x - committed.principalComponent[i])));
    expect(pcDiff).toBeLessThan(1e-5);
    const floats = (path: string) => {
      const b = readFileSync(path);
      return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
    };
    const mine = floats(join(dir, 'weights.bin'));
    const theirs = floats(join(ARTIFACTS_DIR, 'weights.bin'));
    expect(mine.length).toBe(theirs.length);
    let maxDiff = 0;
    for (let i = 0; i < mine.length; i++) maxDiff = Math.max(maxDiff, Math.abs(mine[i]! - theirs[i]!));
    expect(maxDiff).toBeLessThan(1e-3); // identical on the same backend; float tolerance across backends
  }, 180_000);
});
