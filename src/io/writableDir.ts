/**
 * Can a folder be written, or created and written? Checked at start by the front doors that save
 * models (the CLI's `train --out`, the headless runner's `modelDir`), before a fetch or a training
 * run is wasted on it: a path that is a file, under a file, or on a read-only file system used to
 * fail only when the model was saved (the runner then retrained at every evaluation, saying "the
 * next start will retrain it"). The folder itself is created when a model is saved.
 */
import { accessSync, constants, statSync } from 'fs';
import { dirname, resolve } from 'path';

function kind(path: string): 'dir' | 'other' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}

/** Why `dir` cannot hold saved models (a phrase after its name), or undefined when it can. */
export function writableDirProblem(dir: string): string | undefined {
  let at = resolve(dir);
  let k = kind(at);
  if (k === 'other') {
    return 'is an existing file, not a folder';
  }
  while (k === 'missing' && dirname(at) !== at) {
    at = dirname(at);
    k = kind(at);
  }
  if (k !== 'dir') {
    return `cannot be created: ${at} is not a folder`;
  }
  try {
    accessSync(at, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return `cannot be written: ${at} is not writable${code === 'EROFS' ? ' (a read-only file system)' : ''}`;
  }
  return undefined;
}
