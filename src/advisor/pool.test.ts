import { inPool } from './pool';

describe('inPool', () => {
  it('starts in order and never has more than the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    await inPool([3, 1, 4, 1, 5, 9, 2, 6], 3, async (i) => {
      started.push(i);
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, i));
      inFlight--;
    });
    expect(started).toEqual([3, 1, 4, 1, 5, 9, 2, 6]);
    expect(most).toBe(3);
  });

  it('rejects with the first failure', async () => {
    await expect(
      inPool([1, 2, 3], 2, async (i) => {
        if (i === 2) {
          throw new Error('two');
        }
      })
    ).rejects.toThrow('two');
  });
});
