import { horizonProblem, horizonRounding, horizonSteps, resolveTrainingStepMs, windowProblem } from './grid';

describe('training grid', () => {
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
  it("says a horizon past the engine's reach in the user's words: the horizon, its steps, the farthest one", () => {
    expect(horizonProblem('1d', 86_400_000, 300_000)).toBeUndefined();
    expect(horizonProblem('5y', 5 * 365 * 86_400_000, 300_000)).toBe(
      'The horizon 5y is 525,600 steps of 5m; Foresight forecasts at most 10,000 steps ahead (34d 17h at 5m): ' +
        'shorten the horizon, or raise the training step.'
    );
  });
});

describe('windowProblem', () => {
  it('says a training window shorter than one step in the units typed, and nothing otherwise', () => {
    expect(windowProblem('1s', 1000, 300_000)).toMatch(
      /^The training window 1s is shorter than one training step \(5m\), so it holds nothing to learn from: widen/
    );
    expect(windowProblem('5m', 300_000, 300_000)).toBeUndefined();
  });
});

describe('horizonRounding', () => {
  it('says what a horizon that is not a whole number of steps became, and nothing when it is one', () => {
    expect(horizonRounding('1h', 300_000)).toBeUndefined();
    expect(horizonRounding('73m', 300_000)).toBe(
      'The horizon 73m is not a whole number of 5m training steps: the forecast covers 1h 15m (15 steps).'
    );
    expect(horizonRounding('1s', 300_000)).toBe(
      'The horizon 1s is shorter than one training step (5m): the forecast is one step, 5m ahead.'
    );
  });
});

describe('resolveTrainingStepMs', () => {
  it('says a sub-second or fractional step must be whole seconds, not that it is no duration', () => {
    expect(() => resolveTrainingStepMs('1ms', 86_400_000)).toThrow(
      'training step: "1ms" must be whole seconds, at least 1s (e.g. 15s, 1m, 5m)'
    );
  });
});
