import { durationText, horizonSteps } from './horizon';

const MIN = 60_000;

describe('horizonSteps', () => {
  it('turns a duration into whole steps', () => {
    expect(horizonSteps('1h', 5 * MIN)).toBe(12);
    expect(horizonSteps('1d', 30 * MIN)).toBe(48);
  });

  it('refuses a bare step count, suggesting the duration it stood for', () => {
    expect(() => horizonSteps('12', 5 * MIN)).toThrow('write --horizon 1h');
  });

  it('says a zero or negative horizon is not above zero, and anything else is not a duration', () => {
    expect(() => horizonSteps('0s', 5 * MIN)).toThrow(
      '--horizon must be greater than zero (got "0s"; use e.g. 30m, 1h, 1d).'
    );
    expect(() => horizonSteps('-1h', 5 * MIN)).toThrow(/--horizon must be greater than zero/);
    expect(() => horizonSteps('soon', 5 * MIN)).toThrow('--horizon "soon" is not a duration (use e.g. 30m, 1h, 1d).');
  });

  it('refuses less than a step and a horizon between steps', () => {
    expect(() => horizonSteps('1m', 5 * MIN)).toThrow(/shorter than one step \(5m\)/);
    expect(() => horizonSteps('7m', 5 * MIN)).toThrow(/use 5m or 10m/);
  });

  it("refuses a horizon past the engine's reach, in the horizon's words", () => {
    expect(() => horizonSteps('5y', 300_000)).toThrow(
      /^The horizon 5y is 525,600 steps of 5m; Foresight forecasts at most/
    );
  });
  it('writes durations that read back exactly', () => {
    expect(durationText(90 * MIN)).toBe('1h30m');
    expect(durationText(2 * 86_400_000 + 3_600_000 + 60_000)).toBe('176460s');
  });
});
