/** Locations shared by the project's tools. Runtime data lives in `.foresight/` (git-ignored). */
import path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const RUNTIME_DIR = process.env.FORESIGHT_RUNTIME_DIR ?? path.join(REPO_ROOT, '.foresight');
/** The shared NAB series sit beside the checkout (`../shared/data/nab`); FORESIGHT_NAB_DIR overrides. */
export const DEFAULT_NAB_DIR = process.env.FORESIGHT_NAB_DIR ?? path.resolve(REPO_ROOT, '..', 'shared', 'data', 'nab');
