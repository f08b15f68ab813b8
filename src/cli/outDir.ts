/**
 * `train --out`, checked before the fetch and the training it would otherwise waste
 * (`io/writableDir.ts`); a usage error said in words, where it used to surface after training as a
 * raw "EEXIST: file already exists, mkdir".
 */
import { writableDirProblem } from '../io/writableDir';
import { UsageError } from './usage';

export function checkOutDir(dir: string): void {
  if (dir.trim() === '') {
    // an empty path is the working folder to the file system: the model's three files landed there
    throw new UsageError('--out is empty; give a folder to save the model in (e.g. --out models/api).');
  }
  const problem = writableDirProblem(dir);
  if (problem) {
    throw new UsageError(
      `--out ${dir} ${problem}${problem.startsWith('is an existing file') ? '; give a folder to save the model in' : ''}.`
    );
  }
}
