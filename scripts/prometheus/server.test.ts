/** @jest-environment node */
import yaml from 'js-yaml';
import { renderConfig } from './server';

type Config = {
  global: { evaluation_interval: string };
  rule_files?: string[];
  scrape_configs: Array<{ job_name: string; honor_labels?: boolean; static_configs: Array<{ targets: string[] }> }>;
};

const exporter = { job: 'demo-service', address: '127.0.0.1:9464', instance: 'demo-exporter', intervalSec: 5 };

describe('renderConfig', () => {
  it('renders what existing callers asked for, unchanged: no rules, Prometheus relabels job', () => {
    const config = yaml.load(renderConfig([exporter])) as Config;
    expect(config.rule_files).toBeUndefined();
    expect(config.global.evaluation_interval).toBe('15s');
    expect(config.scrape_configs[0].honor_labels).toBeUndefined();
  });

  it('loads rule files, evaluates them at the asked interval and honours a target’s labels', () => {
    const serve = { job: 'foresight-serve', address: '127.0.0.1:9999', honorLabels: true };
    const text = renderConfig([exporter, serve], { ruleFiles: ['/tmp/a b/alerts.yaml'], evaluationIntervalSec: 5 });
    const config = yaml.load(text) as Config;
    expect(config.rule_files).toEqual(['/tmp/a b/alerts.yaml']);
    expect(config.global.evaluation_interval).toBe('5s');
    expect(config.scrape_configs.map((j) => [j.job_name, j.honor_labels ?? false])).toEqual([
      ['demo-service', false],
      ['foresight-serve', true],
    ]);
    expect(config.scrape_configs[1].static_configs[0].targets).toEqual(['127.0.0.1:9999']);
  });
});
