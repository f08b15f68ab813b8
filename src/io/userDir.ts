/**
 * `npm run` starts a command in the package's folder and gives the folder the user typed it in as
 * INIT_CWD. Relative paths on the command line (`--csv ../data/x.csv`, `--config my.yaml`, `--out`)
 * are the user's, so the CLI and `serve` work from that folder: from a subfolder, `--csv` was looked
 * for under the package root and a relative `--out` was written there. Paths of the package itself
 * (the shipped base model) are found from the module, not the working folder.
 */
import { existsSync } from 'fs';

export function workInUserDir(env: NodeJS.ProcessEnv = process.env): void {
  const dir = env.INIT_CWD;
  if (dir && dir !== process.cwd() && existsSync(dir)) {
    process.chdir(dir);
  }
}
