import { assessStaleness } from './staleness';
import { visibleWarnings } from './warnings';

describe('visibleWarnings', () => {
  it('puts stale data first, then skips, the lost-to-baseline warning, model notes and compute', () => {
    const staleness = assessStaleness(0, 3_600_000, 60_000);
    const out = visibleWarnings({
      report: { skipped: [{ method: 'mstl', reason: 'needs 2 seasons' }], warning: 'The LSTM lost to seasonal naive' },
      staleness,
      modelNotes: ['The cached model could not be used (bad file); a new one was trained'],
      computeNote: 'Training ran on the main thread: workers are blocked',
    });
    expect(out).toEqual([
      staleness.warning,
      'MSTL + ETS skipped: needs 2 seasons.',
      'The LSTM lost to seasonal naive.',
      'The cached model could not be used (bad file); a new one was trained.',
      'Training ran on the main thread: workers are blocked.',
    ]);
  });
  it("says a skip's reason once when the warning gives it anyway", () => {
    const reason =
      'the base model forecasts at most 24 steps, not 36 — shorten the horizon to use it; the LSTM trained on this series (lstm) has no such limit';
    const warning = `The LSTM was trained from scratch, not from the base model (${reason}).`;
    expect(visibleWarnings({ report: { skipped: [{ method: 'lstm_base', reason }], warning } })).toEqual([warning]);
  });

  it('says a counter read without rate() before anything else', () => {
    const out = visibleWarnings({
      report: { warning: 'The LSTM lost to seasonal naive' },
      dataWarnings: ['This series never falls: it looks like a counter read without rate().'],
      staleness: assessStaleness(0, 3_600_000, 60_000),
    });
    expect(out[0]).toMatch(/^This series never falls/);
    expect(out).toHaveLength(3);
  });

  it('is empty when nothing was dropped or replaced', () => {
    expect(visibleWarnings({ report: {} })).toEqual([]);
  });
});
