import type { RunOptions } from './ports';
import { TrainingRuns } from './trainingRuns';

/** A training that ends when the test says so, recording the signal it was given. */
function gatedTraining() {
  const started: Array<{ options: RunOptions; finish(value: string): void }> = [];
  const train = (options: RunOptions) =>
    new Promise<string>((resolve, reject) => {
      started.push({ options, finish: resolve });
      options.signal?.addEventListener('abort', () => reject(new Error('aborted')));
    });
  return { started, train };
}

describe('TrainingRuns (trainings that outlive a cancelled query)', () => {
  it('runs one training per key: a second caller joins it and gets its answer', async () => {
    const runs = new TrainingRuns<string>();
    const { started, train } = gatedTraining();
    const first = runs.join('m', train, {});
    const second = runs.join('m', train, {});
    expect(started).toHaveLength(1);
    started[0].finish('model');
    await expect(first).resolves.toEqual({ value: 'model', joined: false });
    await expect(second).resolves.toEqual({ value: 'model', joined: true });
    expect(runs.has('m')).toBe(false);
  });

  it("a caller's cancellation ends its wait, not the training, which the next caller joins", async () => {
    const runs = new TrainingRuns<string>();
    const { started, train } = gatedTraining();
    const query = new AbortController();
    const cut = runs.join('m', train, { signal: query.signal });
    query.abort();
    await expect(cut).rejects.toMatchObject({ kind: 'cancelled' });
    expect(started[0].options.signal?.aborted).toBe(false);
    expect(runs.has('m')).toBe(true);
    const progress: number[] = [];
    const next = runs.join('m', train, { onProgress: (p) => progress.push(p.fraction) });
    started[0].options.onProgress?.({ phase: 'train', fraction: 0.5 });
    started[0].finish('model');
    await expect(next).resolves.toEqual({ value: 'model', joined: true });
    expect(started).toHaveLength(1);
    expect(progress).toEqual([0.5]);
  });

  it('stops a training nobody waits for when another model starts training, never one somebody waits for', async () => {
    const runs = new TrainingRuns<string>();
    const { started, train } = gatedTraining();
    const query = new AbortController();
    const orphan = runs.join('old', train, { signal: query.signal });
    const waited = runs.join('kept', train, {});
    query.abort();
    await expect(orphan).rejects.toMatchObject({ kind: 'cancelled' });
    const fresh = runs.join('new', train, {});
    expect(started.map((s) => s.options.signal?.aborted)).toEqual([true, false, false]);
    expect(runs.has('old')).toBe(false);
    started[1].finish('a');
    started[2].finish('b');
    await expect(Promise.all([waited, fresh])).resolves.toHaveLength(2);
  });

  it("stops only the same slot's training cut short: another panel's goes on until that panel joins it", async () => {
    const runs = new TrainingRuns<string>();
    const { started, train } = gatedTraining();
    const left = runs.for('dash/1/A');
    const right = runs.for('dash/2/A');
    const refresh = new AbortController();
    const cut = left.join('left-model', train, { signal: refresh.signal });
    refresh.abort();
    await expect(cut).rejects.toMatchObject({ kind: 'cancelled' });
    // The other panel starts its own training before the left panel's next run gets there.
    const other = right.join('right-model', train, {});
    expect(started[0].options.signal?.aborted).toBe(false);
    const next = left.join('left-model', train, {});
    started[0].finish('left');
    started[1].finish('right');
    await expect(next).resolves.toEqual({ value: 'left', joined: true });
    await expect(other).resolves.toEqual({ value: 'right', joined: false });
    expect(started).toHaveLength(2);
  });

  it('a training cut short belongs to the slot that asked for it last', async () => {
    const runs = new TrainingRuns<string>();
    const { started, train } = gatedTraining();
    const first = new AbortController();
    const second = new AbortController();
    const a = runs.for('panel-1').join('shared', train, { signal: first.signal });
    const b = runs.for('panel-2').join('shared', train, { signal: second.signal });
    first.abort();
    second.abort();
    await expect(Promise.allSettled([a, b])).resolves.toHaveLength(2);
    // panel-1 moved on (an edit): panel-2 may still ask for it at its next refresh.
    void runs
      .for('panel-1')
      .join('edited', train, {})
      .catch(() => undefined);
    expect(started[0].options.signal?.aborted).toBe(false);
    // panel-2 moved on too: now nobody asks for it.
    void runs
      .for('panel-2')
      .join('edited-2', train, {})
      .catch(() => undefined);
    expect(started[0].options.signal?.aborted).toBe(true);
  });

  it('starts nothing for a caller already cancelled, and a failed training fails every caller', async () => {
    const runs = new TrainingRuns<string>();
    const { started, train } = gatedTraining();
    const gone = new AbortController();
    gone.abort();
    await expect(runs.join('m', train, { signal: gone.signal })).rejects.toMatchObject({ kind: 'cancelled' });
    expect(started).toHaveLength(0);
    const failing = (options: RunOptions) => Promise.reject(new Error(`too short ${options.signal ? 'x' : ''}`));
    const a = runs.join('f', failing, {});
    const b = runs.join('f', failing, {});
    await expect(a).rejects.toThrow(/too short/);
    await expect(b).rejects.toThrow(/too short/);
    expect(runs.has('f')).toBe(false);
  });
});
