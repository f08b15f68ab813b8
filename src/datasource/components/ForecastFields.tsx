/**
 * The forecast section of the query editor: how much history to learn from (window, step), how far
 * ahead to forecast (horizon), and with which method.
 */
import { InlineField, InlineFieldRow, RadioButtonGroup } from '@grafana/ui';
import React from 'react';
import type { MethodChoice } from '../../engine/api';
import { testIds } from '../testIds';
import { DEFAULT_QUERY } from '../types';
import { ParsedField } from './ParsedField';
import { wrappingRadios } from './PolicyFields';
import { durationParser, identity, type SectionProps } from './querySection';

const METHOD_OPTIONS: Array<{ label: string; value: MethodChoice; description: string }> = [
  {
    label: 'Auto',
    value: 'auto',
    description: 'Backtest every method and keep the one with the lowest validation error',
  },
  { label: 'LSTM', value: 'lstm', description: 'Neural network trained in your browser' },
  { label: 'MSTL', value: 'mstl', description: 'Seasonal decomposition + ETS trend (fast)' },
  {
    label: 'Linear model',
    value: 'linear',
    description: 'The last hour and yesterday, weighted by a linear fit to this series (fast)',
  },
  {
    label: 'Smoothed level',
    value: 'ses',
    description: 'Exponential smoothing or a moving median of recent values, whichever fits; flat forecast (fast)',
  },
  {
    label: 'Seasonal mean',
    value: 'seasonal_mean',
    description: 'Mean of the same time over the last 7 days, highest and lowest dropped (fast)',
  },
  { label: 'Seasonal naive', value: 'seasonal_naive', description: 'Same time yesterday / last week' },
];

const parseWindow = durationParser('training window');
const parseStep = durationParser('training step', true);
const parseHorizon = durationParser('horizon');

export function ForecastFields({ query, update, flush, reporter }: SectionProps) {
  return (
    <InlineFieldRow>
      <ParsedField<string>
        label="Training window"
        labelWidth={18}
        width={10}
        tooltip="History to learn from, ending now (e.g. 7d). Long windows are fetched in chunks of 11,000 points."
        value={query.trainingWindow}
        parse={parseWindow}
        format={identity}
        placeholder={DEFAULT_QUERY.trainingWindow}
        onChange={(trainingWindow) => update({ trainingWindow })}
        onProblem={reporter('trainingWindow')}
        onCommit={flush}
        testId={testIds.query.window}
      />
      <ParsedField<string>
        label="Step"
        labelWidth={8}
        width={10}
        tooltip="Resolution of the training data: auto (1m or more), or a duration such as 60s or 5m. Not finer than the metric's scrape interval, or each sample repeats (the warning line says so)."
        value={query.trainingStep}
        parse={parseStep}
        format={identity}
        placeholder={DEFAULT_QUERY.trainingStep}
        onChange={(trainingStep) => update({ trainingStep })}
        onProblem={reporter('trainingStep')}
        onCommit={flush}
        testId={testIds.query.step}
      />
      <ParsedField<string>
        label="Horizon"
        labelWidth={10}
        width={10}
        tooltip="How far ahead to forecast, e.g. 1h or 90m."
        value={query.horizon}
        parse={parseHorizon}
        format={identity}
        placeholder={DEFAULT_QUERY.horizon}
        onChange={(horizon) => update({ horizon })}
        onProblem={reporter('horizon')}
        onCommit={flush}
        testId={testIds.query.horizon}
      />
      <InlineField
        label="Method"
        labelWidth={12}
        shrink
        tooltip="Auto backtests each method on this series and keeps the best; the report shows its accuracy."
      >
        <RadioButtonGroup
          aria-label="Method"
          className={wrappingRadios}
          options={METHOD_OPTIONS}
          value={query.method ?? DEFAULT_QUERY.method}
          onChange={(method) => update({ method })}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
