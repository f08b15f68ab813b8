import { decodeFrames } from '../../contract/decode';
import { buildWarningLine } from './warningLine';
import { makeForecastFrame, makeReport, T0 } from '../testing/fixtures';
import { figure, plainText, sentence } from '../../common/figures';

const SKIP = {
  method: 'lstm' as const,
  reason: 'this window gives 461 points, it needs 535 — widen the training window to 3d or more',
};

describe('visible warning line', () => {
  it('says each sentence once, with the names of all series it concerns', () => {
    const report = makeReport({ skipped: [SKIP] });
    const parsed = decodeFrames([
      makeForecastFrame({ name: 'a', key: 'ka', report }),
      makeForecastFrame({ name: 'b', key: 'kb', report, meta: { warnings: ['Gaps filled in 3 places.'] } }),
    ]);
    const lines = buildWarningLine([], parsed.forecasts, parsed.notices, T0).map((l) => l.text);
    expect(lines).toEqual([`a, b: LSTM skipped: ${SKIP.reason}.`, 'b: Gaps filled in 3 places.']);
  });

  it('needs no series name with one series; panel notes lead; frame notices are included', () => {
    const frame = makeForecastFrame({ report: makeReport({ warning: 'LSTM lost to seasonal naive.' }) });
    frame.meta = { ...frame.meta, notices: [{ severity: 'warning', text: 'Result truncated at 11,000 points' }] };
    const parsed = decodeFrames([frame]);
    const lines = buildWarningLine([{ kind: 'error', text: 'Error: timeout' }], parsed.forecasts, parsed.notices, T0);
    expect(lines.map((l) => l.text)).toEqual([
      'Error: timeout',
      'LSTM lost to seasonal naive.',
      'Result truncated at 11,000 points.',
    ]);
  });

  it("shows the engine's error figures in the series' unit, once, instead of the plain copies", () => {
    const parts = sentence`The LSTM lost on recent validation (MAE over the last day ${figure(0.02136)} vs ${figure(0.02017)}), so the SES forecast is shown.`;
    const report = makeReport({ warning: plainText(parts), warningParts: parts });
    // The data source sends the plain sentence among its warnings, and the encoder as a frame notice.
    const frame = makeForecastFrame({ unit: 's', report, meta: { warnings: [plainText(parts)] } });
    const parsed = decodeFrames([frame]);
    expect(parsed.notices.map((n) => n.text)).toEqual([plainText(parts)]);
    expect(buildWarningLine([], parsed.forecasts, parsed.notices, T0).map((l) => l.text)).toEqual([
      'The LSTM lost on recent validation (MAE over the last day 21.4 ms vs 20.2 ms), so the SES forecast is shown.',
    ]);
    // A warning ending in ")" reaches the data source's list with a full stop added: still one line.
    const bare = sentence`Training stopped early (MAE ${figure(0.5)})`;
    const cut = makeReport({ warning: plainText(bare), warningParts: bare });
    const once = decodeFrames([makeForecastFrame({ report: cut, meta: { warnings: [`${plainText(bare)}.`] } })]);
    expect(buildWarningLine([], once.forecasts, once.notices, T0)).toHaveLength(1);
    // A malformed copy from the wire falls back to the plain sentence.
    const odd = makeReport({ warning: plainText(parts), warningParts: [{ figure: 'x' }] as unknown as typeof parts });
    const plain = decodeFrames([makeForecastFrame({ unit: 's', report: odd })]);
    expect(buildWarningLine([], plain.forecasts, plain.notices, T0).map((l) => l.text)).toEqual([plainText(parts)]);
  });

  it("does not give a skip's reason twice: the LSTM's note already says why the base model was not used", () => {
    const reason =
      'the base model forecasts at most 24 steps, not 36 — shorten the horizon to use it; the LSTM trained on this series (lstm) has no such limit';
    const note = `The LSTM was trained from scratch, not from the base model (${reason}).`;
    const report = makeReport({ warning: note, skipped: [{ method: 'lstm_base', reason }, SKIP] });
    const lines = buildWarningLine([], decodeFrames([makeForecastFrame({ report })]).forecasts, [], T0);
    expect(lines.map((l) => l.text)).toEqual([`LSTM skipped: ${SKIP.reason}.`, note]);
  });

  it('does not repeat staleness when the data source already said it', () => {
    const stale = { ageMs: 3_600_000, thresholdMs: 900_000 };
    const own = decodeFrames([makeForecastFrame({ meta: { stale, clockMs: T0 + 3_600_000 } })]).forecasts;
    expect(buildWarningLine([], own, [], T0).filter((l) => /stale/i.test(l.text))).toHaveLength(1);
    const said = decodeFrames([
      makeForecastFrame({ meta: { stale, clockMs: T0 + 3_600_000, warnings: ['Data is stale (1h old).'] } }),
    ]).forecasts;
    expect(buildWarningLine([], said, [], T0).filter((l) => /stale/i.test(l.text))).toHaveLength(1);
  });

  it('names a sentence the data source wrote for several series once, with every name (never "a: a: …")', () => {
    const lost = 'The LSTM lost on recent validation, so the last value (naive) forecast is shown.';
    const report = makeReport({ warning: lost });
    const parsed = decodeFrames([
      makeForecastFrame({ name: 'recommender v7', key: 'k7', report, meta: { warnings: [lost] } }),
      makeForecastFrame({ name: 'recommender v8', key: 'k8', report, meta: { warnings: [lost] } }),
    ]);
    const lines = buildWarningLine([], parsed.forecasts, parsed.notices, T0).map((l) => l.text);
    expect(lines).toEqual([`recommender v7, recommender v8: ${lost}`]);
  });

  it('says an engine sentence once for several series whose figures differ, each series with its figures', () => {
    const lost = (a: number, b: number) =>
      sentence`The LSTM lost to the linear model on recent validation (MAE over the last day ${figure(a)} vs ${figure(b)}), so its forecast is shown.`;
    const frame = (name: string, a: number, b: number) => {
      const parts = lost(a, b);
      const report = makeReport({ warning: plainText(parts), warningParts: parts });
      // The data source's plain copy among its warnings, as it sends it.
      return makeForecastFrame({ name, key: name, unit: 's', report, meta: { warnings: [plainText(parts)] } });
    };
    const parsed = decodeFrames([frame('v7', 0.02136, 0.02017), frame('v8', 1.5, 1.25), frame('v9', 0.5, 0.25)]);
    expect(buildWarningLine([], parsed.forecasts, parsed.notices, T0).map((l) => l.text)).toEqual([
      'The LSTM lost to the linear model on recent validation (MAE over the last day: v7 21.4 ms vs 20.2 ms; v8 1.50 s vs 1.25 s; v9 500 ms vs 250 ms), so its forecast is shown.',
    ]);
    // One series alone keeps its own sentence, named.
    const two = decodeFrames([frame('v7', 0.02136, 0.02017), makeForecastFrame({ name: 'v8', key: 'v8' })]);
    expect(buildWarningLine([], two.forecasts, two.notices, T0).map((l) => l.text)).toEqual([
      'v7: The LSTM lost to the linear model on recent validation (MAE over the last day 21.4 ms vs 20.2 ms), so its forecast is shown.',
    ]);
  });

  it('says low bands once for a panel of several series, each series named with its figures', () => {
    const parsed = decodeFrames([
      makeForecastFrame({ name: 'v7', key: 'k7', report: makeReport({ coverage80: 0.62, coverage95: 0.76 }) }),
      makeForecastFrame({ name: 'v8', key: 'k8', report: makeReport({ coverage80: 0.78, coverage95: 0.81 }) }),
      makeForecastFrame({ name: 'v9', key: 'k9', report: makeReport({ coverage80: 0.8, coverage95: 0.95 }) }),
    ]);
    expect(buildWarningLine([], parsed.forecasts, parsed.notices, T0).map((l) => l.text)).toEqual([
      'Bands that held fewer held-out values than their names say, so plan with extra headroom: v7 95 % band held 76 %, 80 % band held 62 %; v8 95 % band held 81 %.',
    ]);
    // A series alone keeps its own sentence, with its backtest origins.
    const alone = decodeFrames([makeForecastFrame({ report: makeReport({ coverage80: 0.8, coverage95: 0.81 }) })]);
    expect(buildWarningLine([], alone.forecasts, [], T0).map((l) => l.text)).toEqual([
      expect.stringMatching(/^The 95 % band held only 81 % of held-out values/),
    ]);
  });
});
