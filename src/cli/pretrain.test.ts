import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_SAMPLES, runPretrain } from './pretrain';

describe('pretrain refuses, before any training, what would fail after it or run out of memory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pretrain-cli-'));
  const log = () => undefined;

  it('a --csv-dir with no CSV in it (it trained on the synthetic series alone, without a word)', async () => {
    await expect(runPretrain({ csvDir: [dir], out: join(dir, 'out') }, log)).rejects.toThrow(
      `--csv-dir ${dir} holds no .csv file (searched recursively).`
    );
  });

  it('more windows per epoch than memory holds (1e9 ran out of heap after 41 s)', async () => {
    await expect(runPretrain({ csvDir: [dir], out: join(dir, 'out'), samples: 1e9 }, log)).rejects.toThrow(
      new RegExp(`^--samples 1000000000 is more than ${MAX_SAMPLES.toLocaleString('en-US')} windows per epoch`)
    );
  });

  it('an --out that is a file (found only after training before)', async () => {
    const file = join(dir, 'model-file');
    writeFileSync(file, 'x');
    await expect(runPretrain({ csvDir: [dir], out: file }, log)).rejects.toThrow(
      /^--out .*model-file is an existing file/
    );
  });
});
