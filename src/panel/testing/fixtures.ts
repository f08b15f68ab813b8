/**
 * Foresight responses for the panel's unit tests (and the panel bench), written by the real encoder
 * (src/contract/encode.ts) from the contract's deterministic samples, so a test sees exactly what
 * the data source sends. Options the encoder cannot express (a frame without policy or bands, extra
 * meta) go through ./foreignFrames.ts and are marked "foreign" below. No randomness, no clock.
 */
import { type DataFrame, LoadingState, type PanelData, getDefaultTimeRange } from '@grafana/data';
import { encodeActions, encodeProgress, encodeSeries } from '../../contract/encode';
import { sampleSeries, type SeriesSample } from '../../contract/testing/samples';
import type { ScaleAction, TrainProgress } from '../../contract/types';
import { foreignForecastFrame, isForeign, type ForeignMeta, type ForeignShape } from './foreignFrames';

export { DEFAULT_ACTIONS, makeReport, STEP, T0, THRESHOLD_POLICY } from '../../contract/testing/samples';
export { makePlainFrame } from './foreignFrames';

/** A sample series (as the data source would answer) plus the foreign shapes robustness tests need. */
export interface ForecastFixture extends Pick<
  SeriesSample,
  'name' | 'key' | 'history' | 'horizon' | 'base' | 'report' | 'policy' | 'replicas' | 'unit'
> {
  /** Foreign: a frame without bands (the encoder always writes both). */
  bands?: boolean;
  /** Foreign: progress in a forecast frame's meta (the encoder sends progress in its own frame). */
  progress?: TrainProgress;
  /** Foreign: a frame without a scaling policy (the encoder always writes one). */
  noPolicy?: boolean;
  /**
   * Meta of the answer. `clockMs`, `stale`, `warnings`, `run`, `retire`, `report` and `policy` are
   * written by the encoder; any other key (`lastSampleMs`, `horizonEndMs`, …) is foreign, set as given.
   */
  meta?: ForeignMeta;
}

/** One wide forecast frame: `history` actual rows ending at T0, then `horizon` forecast rows. */
export function makeForecastFrame(f: ForecastFixture = {}): DataFrame {
  const { clockMs, stale, warnings, run, retire, report, policy, ...foreignMeta } = f.meta ?? {};
  const encoded = encodeSeries(
    sampleSeries({
      name: f.name,
      key: f.key,
      history: f.history,
      horizon: f.horizon,
      base: f.base,
      report: report ?? f.report,
      policy: policy ?? f.policy,
      replicas: f.replicas,
      unit: f.unit,
      clockMs,
      stale,
      warnings,
      run,
      retire,
    })
  );
  const shape: ForeignShape = {
    noPolicy: f.noPolicy,
    noBands: f.bands === false,
    meta: f.progress ? { ...foreignMeta, progress: f.progress } : foreignMeta,
  };
  return isForeign(shape) ? foreignForecastFrame(encoded, shape) : encoded;
}

/** The scale-actions frame of query A; `series` defaults to empty (the frame did not say). */
export function makeActionsFrame(actions: Array<ScaleAction & { series?: string }>): DataFrame {
  return encodeActions(
    'A',
    actions.map((a) => ({ ...a, series: a.series ?? '' }))
  );
}

export function makeProgressFrame(progress: TrainProgress): DataFrame {
  return encodeProgress('A', progress);
}

export function makePanelData(series: DataFrame[], state: LoadingState = LoadingState.Done): PanelData {
  const timeRange = getDefaultTimeRange();
  return { series, state, timeRange };
}
