import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { checkOutDir } from './outDir';

describe('train --out, before the fetch and the training', () => {
  const dir = mkdtempSync(join(tmpdir(), 'foresight-out-'));
  const file = join(dir, 'a-file');
  writeFileSync(file, 'x');

  it('accepts a folder to be created, or an existing one', () => {
    expect(() => checkOutDir(join(dir, 'models', 'api'))).not.toThrow();
    expect(() => checkOutDir(dir)).not.toThrow();
  });

  it('refuses an empty path, which would save into the working folder', () => {
    expect(() => checkOutDir('')).toThrow(
      '--out is empty; give a folder to save the model in (e.g. --out models/api).'
    );
    expect(() => checkOutDir('  ')).toThrow(/--out is empty/);
  });

  it('refuses an existing file, and a path under one, in words', () => {
    expect(() => checkOutDir(file)).toThrow(`--out ${file} is an existing file, not a folder`);
    expect(() => checkOutDir(join(file, 'model'))).toThrow(
      `--out ${join(file, 'model')} cannot be created: ${file} is not a folder.`
    );
  });
});
