/** @jest-environment node */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { BackfilledSeries } from '../prometheus/liveReplay';
import { replayExposition } from './replayMetrics';
import { REPLAY_MANIFEST, replaySourceFromEnv, replaySourceFromHistory, writeReplayManifest } from './replaySource';

const STEP = 300_000;
const T0 = Date.UTC(2026, 11, 1);

const requests: BackfilledSeries = {
  gauge: {
    name: 'aws_elb_requests_per_5m',
    help: 'ELB',
    labels: { job: 'aws-elb', instance: 'a' },
    samples: Array.from({ length: 288 }, (_, i) => ({ t: T0 + i * STEP, v: i })),
  },
  counter: { name: 'aws_elb_requests', help: 'total' },
  stepMs: STEP,
  after: 'replay',
};
const stopped: BackfilledSeries = {
  ...requests,
  gauge: { ...requests.gauge, name: 'stale' },
  counter: undefined,
  after: 'stop',
};
const END = T0 + 287 * STEP;

describe('replayExposition', () => {
  it('serves nothing until a sample is due after the backfill', () => {
    expect(replayExposition({ series: [requests, stopped], backfilledUntilMs: END }, END + STEP - 1)).toBe('# EOF\n');
  });

  it("serves each series' newest sample with its own labels and timestamp, the counter continuing its total", () => {
    const text = replayExposition({ series: [requests, stopped], backfilledUntilMs: END }, END + 2 * STEP + 1000);
    const t = (END + 2 * STEP) / 1000;
    // A day recorded: the samples after it are the ones a day earlier (values 0, then 1).
    const total = (287 * 288) / 2 + 0 + 1;
    expect(text.split('\n')).toEqual([
      '# HELP aws_elb_requests_per_5m ELB',
      '# TYPE aws_elb_requests_per_5m gauge',
      `aws_elb_requests_per_5m{instance="a",job="aws-elb"} 1 ${t}`,
      '# HELP aws_elb_requests total',
      '# TYPE aws_elb_requests counter',
      `aws_elb_requests_total{instance="a",job="aws-elb"} ${total} ${t}`,
      '# EOF',
      '',
    ]);
  });
});

describe('replaySource', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-'));
  const nab = path.join(dir, 'nab');
  fs.mkdirSync(nab);
  const rows = ['timestamp,value', '2014-04-10 00:00:00,1', '2014-04-10 00:05:00,2', '2014-04-10 00:10:00,3'];
  fs.writeFileSync(path.join(nab, 'elb_request_count_8c0756.csv'), rows.join('\n') + '\n');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the instant the history was shifted for, and continues from it', () => {
    const nowMs = Date.UTC(2026, 0, 1, 12, 2);
    const manifest = writeReplayManifest(dir, nowMs);
    expect(path.basename(manifest)).toBe(REPLAY_MANIFEST);
    const source = replaySourceFromHistory(nab, manifest);
    expect(source.backfilledUntilMs).toBe(nowMs);
    // The CSV series (replayed) and the stale one cut from it (stopped).
    expect(source.series.map((s) => [s.gauge.name, s.after])).toEqual([
      ['aws_elb_requests_per_5m', 'replay'],
      ['foresight_stale_demo', 'stop'],
    ]);
    expect(source.series[0].gauge.samples.at(-1)!.t).toBe(Date.UTC(2026, 0, 1, 12, 0));
  });

  it('says what is wrong with the manifest or the environment', () => {
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"nowMs":"soon"}');
    expect(() => replaySourceFromHistory(nab, path.join(dir, 'bad.json'))).toThrow('has no numeric "nowMs"');
    expect(() => replaySourceFromHistory(nab, path.join(dir, 'missing.json'))).toThrow(
      'cannot read the history manifest'
    );
    expect(replaySourceFromEnv({})).toBeUndefined();
    expect(() => replaySourceFromEnv({ FORESIGHT_REPLAY_NAB_DIR: nab })).toThrow('set both');
  });
});
