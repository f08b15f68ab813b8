import type { ProbeChange, ProbeData } from './probe';
import type { RangeQuery } from './rangeQueries';
import { visitTimings } from './timings';

const ORIGIN = 1_000_000;

function change(atMs: number, state: string, forecastSeries: number): ProbeChange {
  return {
    atMs,
    paintMs: atMs + 10,
    state,
    forecastSeries,
    frames: forecastSeries,
    backends: [],
    computes: [],
    errors: [],
  };
}

function query(endMs: number, stepS: number): RangeQuery {
  return {
    startedAtMs: ORIGIN + endMs - 50,
    endedAtMs: ORIGIN + endMs,
    bytes: 100,
    rangeStartS: 0,
    rangeEndS: 1,
    stepS,
  };
}

describe('visitTimings', () => {
  const probe: ProbeData = {
    timeOrigin: ORIGIN,
    resources: [{ url: 'x', startMs: 700, endMs: 790, bytes: 0 }],
    changes: [
      change(500, 'Loading', 0),
      change(1500, 'Streaming', 3),
      change(2500, 'Streaming', 100),
      change(3000, 'Done', 100),
    ],
  };

  it('counts from the last training response before the first forecast, not the display query', () => {
    const t = visitTimings(probe, [query(800, 300), query(1000, 60), query(2000, 300)], 100, 300);
    // The page's own Resource Timing end (790) wins over the driver's (800) for the same response.
    expect(t.tDataMs).toBe(790);
    expect(t.firstAfterDataMs).toBe(710);
    expect(t.firstPaintAfterDataMs).toBe(720);
    expect(t.allAfterDataMs).toBe(1710);
    expect(t.doneAfterDataMs).toBe(2210);
    expect(t.trainingQueries).toBe(2);
    expect(t.rangeQueriesAfterFirst).toBe(1);
    expect(t.clockCheckMs).toBe(10);
  });

  it('falls back to every range query when none has the training step', () => {
    const t = visitTimings({ ...probe, resources: [] }, [query(900, 60)], 100, 300);
    expect(t.tDataMs).toBe(900);
  });

  it('leaves the figures out when no forecast came', () => {
    const t = visitTimings(
      { ...probe, resources: [], changes: [change(500, 'Streaming', 0)] },
      [query(400, 300)],
      100,
      300
    );
    expect(t.tDataMs).toBe(400);
    expect(t.firstAfterDataMs).toBeUndefined();
    expect(t.finalState).toBe('Streaming');
  });
});
