import React from 'react';
import { render, screen } from '@testing-library/react';
import { buildModelCard, modelSource, modelWarning } from '../data/modelCard';
import { makeReport } from '../testing/fixtures';
import { panelTestIds } from '../testIds';
import { ModelCard } from './ModelCard';

describe('model card', () => {
  it('shows method, MASE, relative error, coverage, range, training time and backend', () => {
    render(<ModelCard content={buildModelCard(makeReport())!} />);
    const card = screen.getByTestId(panelTestIds.modelCard);
    expect(card).toHaveTextContent('MethodLSTM (requested: auto)');
    expect(card).toHaveTextContent('MASE0.79');
    // From the per-method scores (10 / 12.7), the same numbers as the headline's percentage.
    expect(card).toHaveTextContent('MAE vs repeating the same time one season earlier0.79×');
    expect(card).toHaveTextContent('Coverage 80 / 9578 % / 93 %');
    expect(card).toHaveTextContent('Trained on2026-11-07 00:00 → 2026-11-21 00:00');
    expect(card).toHaveTextContent('Training time12s');
    expect(card).toHaveTextContent('Backendwasm');
    expect(screen.queryByTestId(panelTestIds.modelCardWarning)).not.toBeInTheDocument();
  });

  it('warns clearly when the LSTM lost to a baseline and the baseline is shown', () => {
    const report = makeReport({
      requested: 'auto',
      method: 'seasonal_naive',
      warning: 'LSTM lost to seasonal naive on this series (MASE 1.40 vs 1.09); showing seasonal naive.',
    });
    render(<ModelCard content={buildModelCard(report)!} />);
    expect(screen.getByTestId(panelTestIds.modelCardWarning)).toHaveTextContent(
      '⚠ LSTM lost to seasonal naive on this series (MASE 1.40 vs 1.09); showing seasonal naive.'
    );
    expect(screen.getByRole('alert')).toBeInTheDocument();
  });

  it('writes its own warning when an LSTM was requested but a baseline is shown', () => {
    const report = makeReport({ requested: 'lstm', method: 'mstl', mase: 0.82 });
    expect(modelWarning(report)).toBe(
      'The LSTM lost to a baseline (LSTM MASE 0.79 vs 0.82); showing MSTL + ETS instead.'
    );
  });

  it('shows retire advice', () => {
    render(<ModelCard content={buildModelCard(makeReport(), { retire: true, reason: 'no traffic for 24 h' })!} />);
    expect(screen.getByTestId(panelTestIds.modelCard)).toHaveTextContent('Retireyes: no traffic for 24 h');
  });

  it('shows the reason to keep a version on screen, not only in a hover title', () => {
    const keep = { retire: false, reason: 'keep: the last-24 h hourly peak 12 req/s is not below 0.5' };
    render(<ModelCard content={buildModelCard(makeReport(), keep)!} />);
    expect(screen.getByTestId(panelTestIds.modelCard)).toHaveTextContent(
      'Retireno: the last-24 h hourly peak 12 req/s is not below 0.5'
    );
  });

  it('shows where and how the model ran when the data source says', () => {
    const run = {
      compute: 'worker' as const,
      backend: 'wasm',
      model: 'cache' as const,
      fetchMs: 120,
      trainMs: 0,
      trainingPoints: 8064,
      chunks: 2,
    };
    render(<ModelCard content={buildModelCard(makeReport(), undefined, run)!} />);
    const card = screen.getByTestId(panelTestIds.modelCard);
    expect(card).toHaveTextContent('Backendwasm (worker)');
    expect(card).toHaveTextContent('Modelcached model from 00:01');
    expect(card).toHaveTextContent('Fetch120ms, 8,064 points');
  });

  it('has nothing to show without a report', () => {
    expect(buildModelCard(undefined)).toBeUndefined();
  });

  it('says where the model came from in words, in the dashboard time zone', () => {
    const base = { compute: 'worker' as const, backend: 'wasm', fetchMs: 1, trainMs: 1, trainingPoints: 1, chunks: 1 };
    const at = Date.UTC(2026, 10, 21, 14, 2);
    const same = at + 3_600_000;
    expect(modelSource({ ...base, model: 'trained' }, undefined, 'utc', same)).toBe('trained now');
    expect(modelSource({ ...base, model: 'cache', modelTrainedAtMs: at }, undefined, 'utc', same)).toBe(
      'cached model from 14:02'
    );
    expect(
      modelSource({ ...base, model: 'trained', warmStart: true, modelTrainedAtMs: at }, undefined, 'utc', same)
    ).toBe('cached model from 14:02, fine-tuned');
    expect(modelSource({ ...base, model: 'loaded', modelTrainedAtMs: at }, undefined, 'utc', same + 86_400_000)).toBe(
      'loaded model, trained 2026-11-21 14:02'
    );
    expect(
      modelSource({ ...base, model: 'cache', modelTrainedAtMs: at, replanned: true }, undefined, 'utc', same)
    ).toBe('cached model from 14:02; re-planned on the existing forecast');
    expect(modelSource({ ...base, model: 'base' }, undefined, 'utc', same)).toBe(
      "quick forecast, nothing trained yet; the series' own model replaces it when ready"
    );
    // A quick forecast while the series' own (cached) model runs: a model exists, so not "nothing trained".
    expect(
      modelSource(
        { ...base, model: 'base', warmStart: true, modelTrainedAtMs: at - 86_400_000 },
        undefined,
        'utc',
        same
      )
    ).toBe(
      'quick forecast while the cached model from 2026-11-20 14:02 runs on the fresh data; its forecast replaces it when ready'
    );
    // A constant series: no model at all, whichever path answered.
    expect(modelSource({ ...base, model: 'none' }, undefined, 'utc', same)).toBe(
      'none needed: the series is constant, so its forecast is that constant'
    );
    // Another zone shows another clock time.
    expect(modelSource({ ...base, model: 'cache', modelTrainedAtMs: at }, undefined, 'Asia/Tokyo', same)).toBe(
      'cached model from 2026-11-21 23:02'
    );
  });
});
