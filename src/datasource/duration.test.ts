import { horizonSteps, parseDurationMs, resolveTrainingStepMs } from './duration';

describe('durations', () => {
  it('parses Grafana-style durations', () => {
    expect(parseDurationMs('7d')).toBe(604_800_000);
    expect(parseDurationMs('1h30m')).toBe(5_400_000);
    expect(parseDurationMs(' 90s ')).toBe(90_000);
    expect(parseDurationMs('1w')).toBe(604_800_000);
  });
  it('rejects junk with the field name', () => {
    expect(() => parseDurationMs('7 days', 'training window')).toThrow('training window: "7 days" is not a duration');
    expect(() => parseDurationMs('', 'horizon')).toThrow(/horizon/);
    expect(() => parseDurationMs('0m')).toThrow();
    expect(() => parseDurationMs('5mx')).toThrow();
  });
  it('picks an auto step that keeps the window in one request per series, at least 60 s', () => {
    expect(resolveTrainingStepMs('auto', 7 * 86_400_000)).toBe(60_000);
    expect(resolveTrainingStepMs('auto', 30 * 86_400_000)).toBe(300_000);
    expect(resolveTrainingStepMs('', 3_600_000)).toBe(60_000);
    expect(resolveTrainingStepMs('5m', 1)).toBe(300_000);
    expect(() => resolveTrainingStepMs('1500ms', 1)).toThrow(/training step/);
  });
  it('converts the horizon to whole steps', () => {
    expect(horizonSteps(3_600_000, 60_000)).toBe(60);
    expect(horizonSteps(1_000, 60_000)).toBe(1);
  });
});
