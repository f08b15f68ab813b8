/** @jest-environment node */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, writeHistory } from './writeHistory';

describe('writeHistory', () => {
  it('needs both paths', () => {
    expect(() => parseArgs(['--out', 'x'])).toThrow('missing --nab-dir <path>');
    expect(parseArgs(['--nab-dir', 'a', '--out', 'b'])).toEqual({ nabDir: 'a', out: 'b' });
  });

  it('refuses a folder without NAB CSVs', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'nab-empty-'));
    expect(() => writeHistory({ nabDir: empty, out: path.join(empty, 'h.om') })).toThrow(
      `no NAB CSV files under ${empty}`
    );
  });

  it('writes OpenMetrics ending in # EOF with the NAB series and the exporter history', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nab-'));
    const rows = ['timestamp,value', '2014-04-10 00:00:00,1', '2014-04-10 00:05:00,2', '2014-04-10 00:10:00,3'];
    fs.mkdirSync(path.join(dir, 'realAWSCloudwatch'));
    fs.writeFileSync(path.join(dir, 'realAWSCloudwatch', 'elb_request_count_8c0756.csv'), rows.join('\n') + '\n');
    const out = path.join(dir, 'out', 'history.om');
    const { series } = writeHistory({ nabDir: dir, out }, Date.UTC(2026, 0, 1));
    const text = fs.readFileSync(out, 'utf8');
    expect(series).toBe(1);
    expect(text.trimEnd().endsWith('# EOF')).toBe(true);
    expect(text).toContain('aws_elb_requests_per_5m');
    expect(text).toContain('model_call_count');
    // The exporter continues the NAB series from the same instant (scripts/exporter/replaySource.ts).
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'out', 'replay.json'), 'utf8'))).toEqual({
      nowMs: Date.UTC(2026, 0, 1),
    });
  });
});
