/**
 * Where the forecast comes from: a model run in this browser (trained, cached or loaded), or the
 * forecasts a Foresight server (`npm run serve`) already published to Prometheus, read back through
 * the wrapped data source, so a dashboard viewed by many people trains nothing in their browsers.
 */
import { InlineField, InlineFieldRow, Input, RadioButtonGroup } from '@grafana/ui';
import React, { useEffect } from 'react';
import type { ForecastFrom } from '../../advisor/spec';
import { testIds } from '../testIds';
import { wrappingRadios } from './PolicyFields';
import { enterRuns, type SectionProps } from './querySection';

const FROM_OPTIONS: Array<{ label: string; value: ForecastFrom; description: string }> = [
  { label: 'This browser', value: 'model', description: 'Train, reuse or load a model here' },
  {
    label: 'Foresight server',
    value: 'server',
    description: 'Read the forecasts a Foresight server published to Prometheus (foresight_forecast)',
  },
];

export function ForecastSourceFields({ query, update, flush, reporter }: SectionProps) {
  const from = query.forecastFrom ?? 'model';
  const missingJob = from === 'server' && !query.serverJob?.trim();
  const problem = missingJob ? "Name the server's job (as in its config)." : undefined;
  const report = reporter('serverJob');
  useEffect(() => report(problem), [report, problem]);
  return (
    <InlineFieldRow>
      <InlineField label="Forecast from" labelWidth={16}>
        <RadioButtonGroup
          aria-label="Forecast from"
          className={wrappingRadios}
          options={FROM_OPTIONS}
          value={from}
          onChange={(v) => update({ forecastFrom: v === 'model' ? undefined : v })}
        />
      </InlineField>
      {from === 'server' && (
        <InlineField
          label="Server job"
          labelWidth={14}
          htmlFor="foresight-server-job"
          tooltip="The job name in the Foresight server's config: the job label of foresight_forecast"
          invalid={missingJob}
          error={problem}
        >
          <Input
            id="foresight-server-job"
            data-testid={testIds.query.serverJob}
            width={24}
            value={query.serverJob ?? ''}
            placeholder="checkout-requests"
            onChange={(e) => update({ serverJob: e.currentTarget.value || undefined }, 'commit')}
            onBlur={flush}
            onKeyDown={enterRuns(flush)}
          />
        </InlineField>
      )}
    </InlineFieldRow>
  );
}
