/** @jest-environment node */
import path from 'node:path';
import { loadDashboards, loadDataSources, parseDataSourcesYaml } from './provisioning';

const ROOT = path.resolve(__dirname, '..', '..');

describe('parseDataSourcesYaml', () => {
  it('names the file and the entry that is malformed', () => {
    expect(() => parseDataSourcesYaml('datasources:\n  - name: x\n', 'ds.yaml')).toThrow(
      'ds.yaml: datasources[0] needs string "name", "type" and "uid"'
    );
    expect(() => parseDataSourcesYaml('apiVersion: 1\n', 'ds.yaml')).toThrow(
      'ds.yaml: expected a top-level "datasources" list'
    );
  });
});

describe('the repository provisioning', () => {
  it('gives Prometheus the same-origin data source proxy path in the playground', () => {
    const sources = loadDataSources(path.join(ROOT, 'provisioning'));
    const prometheus = sources.find((s) => s.type === 'prometheus');
    expect(prometheus?.url).toBe(`/api/datasources/proxy/uid/${prometheus?.uid}`);
    expect(sources.some((s) => s.type === 'foresight-lstm-datasource')).toBe(true);
  });

  it('loads the four dashboards in file order', () => {
    const titles = loadDashboards(path.join(ROOT, 'provisioning')).map((d) => d.summary.title);
    expect(titles).toEqual([
      'Predictive scaling',
      'Model serving traffic',
      'Golden signals',
      'Edge cases',
      'Forecasts from the Foresight server',
    ]);
  });
});
