/**
 * @jest-environment node
 */
import { parseConfig } from './config';

const GOOD = `
prometheus:
  url: http://127.0.0.1:9090
modelDir: /tmp/models
jobs:
  - name: checkout
    query: sum(rate(http_requests_total[5m]))
    trainingWindow: 3d
    trainingStep: 5m
    horizon: 1h
    interval: 1m
    policy: { kind: target, capacityPerReplica: 250 }
    lstm: { epochs: 4 }
`;

describe('parseConfig', () => {
  it('reads a good config and fills defaults', () => {
    const { config, errors, warnings } = parseConfig(GOOD);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(config?.listen).toEqual({ host: '127.0.0.1', port: 9464, loopback: true });
    expect(config?.prometheus).toEqual({ url: 'http://127.0.0.1:9090', timeoutMs: 30_000 });
    expect(config?.modelDirMaxBytes).toBe(512 * 1024 ** 2);
    expect(config?.jobs[0]).toMatchObject({
      name: 'checkout',
      method: 'auto',
      modelMode: 'train',
      intervalMs: 60_000,
      horizonMs: 3_600_000,
      stepMs: 300_000,
    });
  });

  it('names every bad field with its path, all at once', () => {
    const text = `
listen: 0.0.0.0:99999
prometheus: { url: "ftp://x", timeout: soon }
modelDir: ""
shard: 3/2
jobs:
  - name: a
    query: up
    horizon: 1h
    interval: 1m
  - name: a
    query: up
    horizon: 1h
    interval: 1m
  - name: c
    query: up
    horizon: 1x
    horizn: 1h
    interval: 0.1s
    method: magic
    policy: { minReplicas: 5, maxReplicas: 2, capacityPerReplica: 0 }
    lstm: { epochs: 0, unit: 4 }
    trainingWindow: 30d
    trainingStep: 1s
`;
    const { config, errors } = parseConfig(text);
    expect(config).toBeUndefined();
    const expected = [
      'listen: port 99999',
      'prometheus.url: "ftp://x" is not an http(s) URL',
      'prometheus.timeout: "soon" is not a duration like 15m or 1h',
      'modelDir: must be non-empty text',
      'shard: shard index 3 must be below the count 2',
      'jobs[1].name: "a" is already the name of jobs[0]',
      'jobs[2].horizon: "1x" is not a duration like 15m or 1h',
      'jobs[2].horizn: unknown key (did you mean "horizon"?)',
      'jobs[2].interval: "0.1s" is shorter than 1s',
      'jobs[2].method: must be one of auto, naive, seasonal_naive, ses, seasonal_mean, mstl, linear, lstm, lstm_base (got "magic")',
      'jobs[2].policy: minReplicas (5) must not exceed maxReplicas (2)',
      'jobs[2].policy: capacityPerReplica must be above 0',
      'jobs[2].lstm.unit: unknown key (did you mean "units"?)',
      'jobs[2].lstm: LSTM epochs must be',
      'jobs[2].trainingWindow: This request gives',
    ];
    for (const e of expected) {
      expect(errors.some((line) => line.startsWith(e))).toBe(true);
    }
  });

  it('refuses what would fail later or loop: credentials or a query in the URL, timers past 24 days, a horizon of years', () => {
    const creds = parseConfig(GOOD.replace('http://127.0.0.1:9090', 'http://admin:s3cret@127.0.0.1:9090'));
    expect(creds.errors).toEqual([
      'prometheus.url: "http://***@127.0.0.1:9090" carries a user name or password, which is not supported (and would be printed in errors); use a Prometheus, or a proxy in front of it, that answers without credentials',
    ]);
    const key = parseConfig(GOOD.replace('http://127.0.0.1:9090', 'http://127.0.0.1:9090/?api_key=SECRET123'));
    expect(key.errors.join(' ')).toMatch(/^prometheus\.url: "http:\/\/127\.0\.0\.1:9090\/\?…" has a query string/);
    expect(key.errors.join(' ')).not.toMatch(/SECRET123/);
    const timers = parseConfig(
      GOOD.replace('interval: 1m', 'interval: 30d').replace(
        'url: http://127.0.0.1:9090',
        'url: http://127.0.0.1:9090\n  timeout: 25d'
      )
    );
    expect(timers.errors).toEqual([
      'prometheus.timeout: "25d" is longer than 24d, the longest a timer can wait',
      'jobs[0].interval: "30d" is longer than 24d, the longest a timer can wait',
    ]);
    const zero = parseConfig(GOOD.replace('interval: 1m', 'interval: 0s'));
    expect(zero.errors).toEqual(['jobs[0].interval: "0s" must be greater than zero']);
    const years = parseConfig(GOOD.replace('horizon: 1h', 'horizon: 100y'));
    expect(years.errors).toEqual(['jobs[0].horizon: is 10,512,000 training steps of 300s; at most 10,000']);
    // A window of years makes the automatic step a day: said, so the horizon does not look like the mistake.
    const longWindow = parseConfig(
      GOOD.replace('trainingWindow: 3d', 'trainingWindow: 100y').replace('trainingStep: 5m', 'trainingStep: auto')
    );
    expect(longWindow.errors.find((e) => e.startsWith('jobs[0].horizon'))).toMatch(
      /^jobs\[0\]\.horizon: 3600s is shorter than one training step \(\d+s, the automatic step for a 36500d training window\); shorten the training window or set trainingStep$/
    );
  });

  it('refuses a training window that can never hold enough points, instead of failing at every tick', () => {
    const tiny = parseConfig(GOOD.replace('trainingWindow: 3d', 'trainingWindow: 1s'));
    expect(tiny.errors).toEqual([
      expect.stringMatching(
        /^jobs\[0\]\.trainingWindow: The training window 1s is shorter than one training step \(5m\)/
      ),
    ]);
    // auto falls back to the last value: a window it cannot even score is refused, naming the remedy
    const short = parseConfig(GOOD.replace('trainingWindow: 3d', 'trainingWindow: 1h'));
    expect(short.errors).toEqual([
      'jobs[0].trainingWindow: "1h" is too short for even the last value (naive), auto\'s fallback: this window gives 12 points (1h at 5m steps), it needs 32 — widen the training window to 3h or more or shorten the horizon',
    ]);
    // an explicit method needs its own history; a window that only auto's later candidates lack is fine
    expect(parseConfig(GOOD.replace('trainingWindow: 3d', 'trainingWindow: 1d\n    method: mstl')).errors).toEqual([
      expect.stringMatching(/^jobs\[0\]\.trainingWindow: "1d" is too short for MSTL/),
    ]);
    expect(parseConfig(GOOD.replace('trainingWindow: 3d', 'trainingWindow: 1d')).errors).toEqual([]);
  });

  it('shows .nan and .inf as what they are, not as null', () => {
    expect(parseConfig(GOOD.replace('interval: 1m', 'interval: 1m\n    maxRelMae: .nan')).errors).toEqual([
      'jobs[0].maxRelMae: must be a number (got NaN)',
    ]);
  });

  it('says what is wrong with a value built from nested aliases without serialising all of it', () => {
    const levels = Array.from({ length: 9 }, (_, i) =>
      i === 0
        ? 'a0: &a0 [x,x,x,x,x,x,x,x,x,x]'
        : `a${i}: &a${i} [${Array(10)
            .fill(`*a${i - 1}`)
            .join(',')}]`
    );
    const text = `${levels.join('\n')}\nprometheus: {url: http://127.0.0.1:9090}\nmodelDir: /tmp/m\njobs: *a8\n`;
    const { errors } = parseConfig(text);
    expect(errors).toContain('a8: unknown key');
    const job = errors.find((e) => e.startsWith('jobs[0]:')) ?? '';
    expect(job).toMatch(
      /^jobs\[0\]: must be a mapping with name, query, horizon, interval … \(got \[\[\[10 item\(s\)\]/
    );
    expect(job.length).toBeLessThan(250);
  });

  it('reads the size bound of the model directory, and refuses a size without a unit or out of range', () => {
    const withSize = (size: string) => parseConfig(`${GOOD}modelDirMaxSize: ${size}\n`);
    expect(withSize('2GiB').config?.modelDirMaxBytes).toBe(2 * 1024 ** 3);
    expect(withSize('500MB').config?.modelDirMaxBytes).toBe(500e6);
    expect(withSize('512').errors).toEqual(['modelDirMaxSize: "512" is not a size; use e.g. 512MiB, 2GiB or 500MB']);
    expect(withSize('100KiB').errors).toEqual(['modelDirMaxSize: "100KiB" must be from 1MiB to 1TiB']);
    expect(withSize('5TiB').errors).toEqual(['modelDirMaxSize: "5TiB" must be from 1MiB to 1TiB']);
    expect(withSize('[1, 2]').errors[0]).toMatch(/^modelDirMaxSize: .* is not a size/);
  });

  it('warns (does not fail) when listening beyond loopback', () => {
    const { config, warnings } = parseConfig(GOOD.replace('prometheus:', 'listen: 0.0.0.0:9464\nprometheus:'));
    expect(config?.listen.loopback).toBe(false);
    expect(warnings[0]).toMatch(/^listen: 0\.0\.0\.0:9464 is reachable beyond this machine/);
  });

  it('applies command-line overrides through the same checks, naming the flag in their problems', () => {
    expect(parseConfig(GOOD, 'f', { shard: '1/3', listen: '127.0.0.1:0' }).config).toMatchObject({
      shard: { index: 1, count: 3 },
      listen: { port: 0 },
    });
    expect(parseConfig(GOOD, 'f', { shard: '1-3', listen: '127.0.0.1:99999' }).errors).toEqual([
      '--listen: port 99999 in "127.0.0.1:99999" is above 65535',
      '--shard: "1-3" is not a shard like 0/2 (index/count, index from 0)',
    ]);
  });

  it('ignores top-level x- keys, which hold YAML anchors the jobs share', () => {
    const text = `
x-defaults: &defaults
  trainingWindow: 3d
  horizon: 2h
  interval: 1m
prometheus:
  url: http://127.0.0.1:9090
modelDir: /tmp/models
jobs:
  - <<: *defaults
    name: checkout
    query: sum(rate(http_requests_total[5m]))
`;
    const { config, errors } = parseConfig(text);
    expect(errors).toEqual([]);
    expect(config?.jobs[0]).toMatchObject({ name: 'checkout', horizonMs: 7_200_000 });
    expect(parseConfig(`${GOOD}\nxdefaults: 1\n`).errors).toEqual(['xdefaults: unknown key']);
  });

  it('refuses YAML tags that would construct code or non-data objects', () => {
    const { errors } = parseConfig(`${GOOD}\nx: !!js/function "function () { return 1 }"\n`);
    expect(errors[0]).toMatch(/not valid YAML: unknown tag/);
  });

  it('says when a required section is missing', () => {
    const { errors } = parseConfig('modelDir: /tmp\n');
    expect(errors).toEqual([
      'prometheus: is required (prometheus: { url: http://127.0.0.1:9090 })',
      'jobs: is required: a list of at least one job',
    ]);
  });
});
