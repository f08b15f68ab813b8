import { csvStepMs } from './csvStep';

describe('csvStepMs', () => {
  it('rounds a jittered spacing to whole seconds', () => {
    const jittered = Array.from({ length: 100 }, (_, i) => i * 300_000 + ((i * 7919) % 1000) - 500);
    expect(csvStepMs(jittered)).toBe(300_000);
    expect(csvStepMs([0, 299_998, 599_996, 899_994])).toBe(300_000);
  });

  it('keeps a sub-second step, and reads unsorted times', () => {
    expect(csvStepMs([0, 250, 500, 750])).toBe(250);
    expect(csvStepMs([600_000, 0, 300_000])).toBe(300_000);
  });
});
