/**
 * `train --out`, checked before the fetch and the training it would otherwise waste: a path that
 * is an existing file, or whose nearest existing folder is a file or not writable, is a usage error
 * said in words (it used to surface after training as a raw "EEXIST: file already exists, mkdir").
 * The folder itself is created only when the model is saved.
 */
import { accessSync, constants, statSync } from 'fs';
import { dirname, resolve } from 'path';
import { UsageError } from './usage';

function kind(path: string): 'dir' | 'other' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}

export function checkOutDir(dir: string): void {
  let at = resolve(dir);
  let k = kind(at);
  if (k === 'other') {
    throw new UsageError(`--out ${dir} is an existing file, not a folder; give a folder to save the model in.`);
  }
  while (k === 'missing' && dirname(at) !== at) {
    at = dirname(at);
    k = kind(at);
  }
  if (k !== 'dir') {
    throw new UsageError(`--out ${dir} cannot be created: ${at} is not a folder.`);
  }
  try {
    accessSync(at, constants.W_OK);
  } catch {
    throw new UsageError(`--out ${dir} cannot be written: ${at} is not writable.`);
  }
}
