/**
 * The Prometheus answers the stand-in and client tests replay, recorded from the project's real
 * Prometheus (`npm run fixtures:record`). The files live in `tests/fixtures/prometheus/`, not under
 * src/: the plugin build copies every `src/**\/*.json` into dist/, and recordings must not ship.
 * Node only (`fs`): never import this from code the playground page bundles.
 */
import fs from 'fs';
import path from 'path';

export const PROMETHEUS_FIXTURES_DIR = path.resolve(__dirname, '../../tests/fixtures/prometheus');

/** One recorded answer's raw text, e.g. `matrix-twitter.json`. */
export function readPrometheusFixture(name: string): string {
  return fs.readFileSync(path.join(PROMETHEUS_FIXTURES_DIR, name), 'utf8');
}
