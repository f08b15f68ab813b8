/**
 * The benchmark's cases, built from the contract-shaped fixtures the panel's unit tests use. Frames
 * (and, for the TimeSeries baseline, the panel's chart model) are built before the clock starts:
 * they are the data source's work, not the panel's.
 */
import { createElement, type ReactElement } from 'react';
import { type DataFrame, dateTime, EventBusSrv, type GrafanaTheme2, type PanelProps } from '@grafana/data';
import { TimeSeries } from '@grafana/ui';
import { ForecastPanel } from '../../src/panel/components/ForecastPanel';
import { MODEL_CARD_HEIGHT } from '../../src/panel/components/ModelCard';
import { buildChartModel } from '../../src/panel/data/chartFrames';
import { decodeFrames } from '../../src/contract/decode';
import { chartTimeRange } from '../../src/panel/data/timeRange';
import { DEFAULT_OPTIONS, MAX_DRAWN_SERIES } from '../../src/panel/options';
import { makeForecastFrame, makePanelData, STEP, T0 } from '../../src/panel/testing/fixtures';
import type { ForesightPanelOptions } from '../../src/panel/types';
import type { CaseId, CaseInfo } from './api';

const WIDTH = 1200;
const HEIGHT = 500;
/** The panel's toolbar (not exported by the panel); the TimeSeries baseline gets the panel's chart height. */
const PANEL_TOOLBAR_HEIGHT = 26;

export const CASES: Record<CaseId, CaseInfo> = {
  'panel-5x2000': {
    id: 'panel-5x2000',
    component: 'ForecastPanel',
    series: 5,
    points: 2000,
    horizon: 100,
    width: WIDTH,
    height: HEIGHT,
  },
  'panel-1x200': {
    id: 'panel-1x200',
    component: 'ForecastPanel',
    series: 1,
    points: 200,
    horizon: 10,
    width: WIDTH,
    height: HEIGHT,
  },
  // The most one panel draws (MAX_DRAWN_SERIES): what the cap costs, against 5 series.
  'panel-50x2000': {
    id: 'panel-50x2000',
    component: 'ForecastPanel',
    series: MAX_DRAWN_SERIES,
    points: 2000,
    horizon: 100,
    width: WIDTH,
    height: HEIGHT,
    maxSeries: MAX_DRAWN_SERIES,
  },
  'timeseries-5x2000': {
    id: 'timeseries-5x2000',
    component: 'TimeSeries',
    series: 5,
    points: 2000,
    horizon: 100,
    width: WIDTH,
    height: HEIGHT - PANEL_TOOLBAR_HEIGHT - MODEL_CARD_HEIGHT,
  },
};

function frames(info: CaseInfo, generation: number): DataFrame[] {
  return Array.from({ length: info.series }, (_, i) =>
    makeForecastFrame({
      name: `series ${i}`,
      key: `k${i}`,
      history: info.points - info.horizon,
      horizon: info.horizon,
      // A different level per generation so an update really changes every value.
      base: 100 + i * 40 + generation * 7,
    })
  );
}

function panelProps(info: CaseInfo, data: DataFrame[]): PanelProps<ForesightPanelOptions> {
  const history = info.points - info.horizon;
  return {
    id: 1,
    data: makePanelData(data),
    timeRange: { from: dateTime(T0 - history * STEP), to: dateTime(T0), raw: { from: 'now-7d', to: 'now' } },
    timeZone: 'utc',
    options: info.maxSeries === undefined ? DEFAULT_OPTIONS : { ...DEFAULT_OPTIONS, maxSeries: info.maxSeries },
    transparent: false,
    width: info.width,
    height: info.height,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    title: info.id,
    eventBus: new EventBusSrv(),
    onOptionsChange: () => undefined,
    onFieldConfigChange: () => undefined,
    replaceVariables: (s: string) => s,
    onChangeTimeRange: () => undefined,
  };
}

/** The element to render for a case and data generation; all data work happens here, before timing. */
export function caseElement(info: CaseInfo, generation: number, theme: GrafanaTheme2): ReactElement {
  const props = panelProps(info, frames(info, generation));
  if (info.component === 'ForecastPanel') {
    return createElement(ForecastPanel, props);
  }
  // Exactly the frames the panel hands to its own TimeSeries, without the panel around them.
  const model = buildChartModel(decodeFrames(props.data.series).forecasts, DEFAULT_OPTIONS, theme);
  return createElement(TimeSeries, {
    frames: model.frames,
    timeRange: chartTimeRange(props.timeRange, model.horizonEndMs, DEFAULT_OPTIONS.extendToHorizon),
    timeZone: props.timeZone,
    width: info.width,
    height: info.height,
    legend: DEFAULT_OPTIONS.legend,
  });
}
