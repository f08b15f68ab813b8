import type { QueryEditorProps } from '@grafana/data';
import { Collapse, InlineField, InlineFieldRow, InlineSwitch, Input, RadioButtonGroup, TextArea } from '@grafana/ui';
import React, { useEffect, useState } from 'react';
import type { LstmOptions, MethodChoice } from '../../engine/api';
import type { ForesightDataSource } from '../datasource';
import { parseDurationMs, resolveTrainingStepMs } from '../duration';
import { migrateQuery, queryNeedsMigration } from '../migrations';
import { testIds } from '../testIds';
import { withQueryDefaults, type ForesightOptions, type ForesightQuery, type ModelMode } from '../types';
import { NumberInput } from './NumberInput';
import { PolicyFields } from './PolicyFields';

type Props = QueryEditorProps<ForesightDataSource, ForesightQuery, ForesightOptions>;

const METHOD_OPTIONS: Array<{ label: string; value: MethodChoice; description: string }> = [
  {
    label: 'Auto',
    value: 'auto',
    description: 'Backtest every method and keep the one with the lowest validation error',
  },
  { label: 'LSTM', value: 'lstm', description: 'Neural network trained in your browser' },
  { label: 'MSTL', value: 'mstl', description: 'Seasonal decomposition + ETS trend (fast)' },
  { label: 'Seasonal naive', value: 'seasonal_naive', description: 'Same time yesterday / last week' },
];
const MODE_OPTIONS: Array<{ label: string; value: ModelMode; description: string }> = [
  { label: 'Train', value: 'train', description: 'Train on the training window now' },
  { label: 'Load', value: 'load', description: 'Use a saved model (name or URL)' },
  {
    label: 'Auto-retrain',
    value: 'auto-retrain',
    description: 'Reuse the cached model until it is too old or its accuracy drops',
  },
];

/** An error for a duration field, or undefined when it parses. */
export function durationProblem(text: string | undefined, field: string, allowAuto = false): string | undefined {
  try {
    if (allowAuto) {
      resolveTrainingStepMs(text ?? 'auto', 86_400_000);
    } else {
      parseDurationMs(text ?? '', field);
    }
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export function QueryEditor({ query: rawQuery, onChange, onRunQuery, datasource }: Props) {
  const query = withQueryDefaults(migrateQuery(rawQuery));
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [policyOpen, setPolicyOpen] = useState(false);

  useEffect(() => {
    // Saved queries from older versions are upgraded once, so the dashboard stores the new shape.
    if (queryNeedsMigration(rawQuery)) {
      onChange(migrateQuery(rawQuery));
    }
  }, [rawQuery, onChange]);

  const update = (patch: Partial<ForesightQuery>, run = true) => {
    onChange({ ...query, ...patch });
    if (run) {
      onRunQuery();
    }
  };
  const updateLstm = (patch: Partial<LstmOptions>) => update({ lstm: { ...(query.lstm ?? {}), ...patch } });
  const problems = [
    durationProblem(query.trainingWindow, 'training window'),
    durationProblem(query.trainingStep, 'training step', true),
    durationProblem(query.horizon, 'horizon'),
  ].filter(Boolean);

  return (
    <div data-testid={testIds.query.editor}>
      <InlineFieldRow>
        <InlineField
          label="PromQL"
          labelWidth={16}
          grow
          tooltip="Prometheus expression to forecast. $variables, $__interval and $__range work as in a Prometheus panel."
        >
          <TextArea
            rows={2}
            defaultValue={query.expr}
            placeholder='sum(rate(http_requests_total{service="checkout"}[5m]))'
            data-testid={testIds.query.expr}
            onBlur={(e) => update({ expr: e.currentTarget.value })}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label="Legend" labelWidth={16} tooltip="Series name, e.g. {{instance}}; empty uses the labels.">
          <Input
            width={24}
            defaultValue={query.legendFormat}
            placeholder="{{instance}}"
            data-testid={testIds.query.legend}
            onBlur={(e) => update({ legendFormat: e.currentTarget.value })}
          />
        </InlineField>
        <InlineField
          label="Unit"
          labelWidth={8}
          tooltip="Grafana unit of the metric, e.g. reqps, percent, bytes (for axes and tooltips)."
        >
          <Input
            width={10}
            defaultValue={query.unit ?? ''}
            placeholder="short"
            data-testid={testIds.query.unit}
            onBlur={(e) => update({ unit: e.currentTarget.value.trim() || undefined })}
          />
        </InlineField>
        <InlineField
          label="Training window"
          labelWidth={18}
          tooltip="History to learn from, ending now (e.g. 7d). Long windows are fetched in chunks of 11,000 points."
        >
          <Input
            width={10}
            defaultValue={query.trainingWindow}
            placeholder="7d"
            data-testid={testIds.query.window}
            onBlur={(e) => update({ trainingWindow: e.currentTarget.value.trim() })}
          />
        </InlineField>
        <InlineField label="Step" labelWidth={8} tooltip="Resolution of the training data: auto, or e.g. 60s, 5m.">
          <Input
            width={10}
            defaultValue={query.trainingStep}
            placeholder="auto"
            data-testid={testIds.query.step}
            onBlur={(e) => update({ trainingStep: e.currentTarget.value.trim() || 'auto' })}
          />
        </InlineField>
        <InlineField label="Horizon" labelWidth={10} tooltip="How far ahead to forecast (e.g. 1h).">
          <Input
            width={10}
            defaultValue={query.horizon}
            placeholder="1h"
            data-testid={testIds.query.horizon}
            onBlur={(e) => update({ horizon: e.currentTarget.value.trim() })}
          />
        </InlineField>
      </InlineFieldRow>
      {problems.length > 0 && (
        <div role="alert" data-testid={testIds.query.durationError}>
          {problems.join(' · ')}
        </div>
      )}
      <InlineFieldRow>
        <InlineField
          label="Method"
          labelWidth={16}
          tooltip="Auto backtests each method on this series and keeps the best; the report shows its accuracy."
        >
          <RadioButtonGroup options={METHOD_OPTIONS} value={query.method} onChange={(v) => update({ method: v })} />
        </InlineField>
        <InlineField
          label="Model"
          labelWidth={10}
          tooltip="Train in the browser, load a saved model, or reuse the cached one until it ages out."
        >
          <RadioButtonGroup options={MODE_OPTIONS} value={query.modelMode} onChange={(v) => update({ modelMode: v })} />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label="Model name"
          labelWidth={16}
          tooltip={
            query.modelMode === 'load'
              ? 'Name saved in this browser, or a URL to a saved model.'
              : 'Optional: also save the trained model under this name.'
          }
        >
          <Input
            width={32}
            defaultValue={query.modelRef ?? ''}
            placeholder={query.modelMode === 'load' ? 'checkout-rps or https://…' : 'optional'}
            data-testid={testIds.query.modelRef}
            onBlur={(e) => update({ modelRef: e.currentTarget.value.trim() || undefined })}
          />
        </InlineField>
        {query.modelMode === 'load' && (
          <InlineField
            label="Fine-tune"
            labelWidth={12}
            tooltip="Continue training the loaded model on the fresh window."
          >
            <InlineSwitch
              value={!!query.fineTune}
              onChange={(e) => update({ fineTune: e.currentTarget.checked })}
              data-testid={testIds.query.fineTune}
            />
          </InlineField>
        )}
        {query.modelMode === 'auto-retrain' && (
          <>
            <InlineField
              label="Max age"
              labelWidth={10}
              tooltip="Retrain when the cached model is older than this (e.g. 1d)."
            >
              <Input
                width={8}
                defaultValue={query.maxModelAge}
                placeholder="1d"
                data-testid={testIds.query.maxAge}
                onBlur={(e) => update({ maxModelAge: e.currentTarget.value.trim() || undefined })}
              />
            </InlineField>
            <InlineField
              label="Max error vs naive"
              labelWidth={20}
              tooltip="Retrain when the model's MAE relative to seasonal naive rises above this (1 = no better than naive)."
            >
              <NumberInput
                value={query.maxRelMae}
                placeholder="1"
                onChange={(v) => update({ maxRelMae: v })}
                testId={testIds.query.maxRelMae}
                width={8}
              />
            </InlineField>
          </>
        )}
      </InlineFieldRow>
      <Collapse label="Advanced (LSTM)" isOpen={advancedOpen} onToggle={() => setAdvancedOpen(!advancedOpen)}>
        <InlineFieldRow>
          <InlineField
            label="Window"
            labelWidth={12}
            tooltip="Input steps the LSTM sees per prediction (longer = slower training)."
          >
            <NumberInput
              value={query.lstm?.window}
              placeholder="auto"
              min={2}
              onChange={(window) => updateLstm({ window })}
              testId={testIds.query.lstmWindow}
            />
          </InlineField>
          <InlineField label="Units" labelWidth={10} tooltip="LSTM hidden units.">
            <NumberInput
              value={query.lstm?.units}
              placeholder="32"
              min={1}
              onChange={(units) => updateLstm({ units })}
              testId={testIds.query.lstmUnits}
            />
          </InlineField>
          <InlineField label="Epochs" labelWidth={10} tooltip="Training passes (early stopping may end sooner).">
            <NumberInput
              value={query.lstm?.epochs}
              placeholder="auto"
              min={1}
              onChange={(epochs) => updateLstm({ epochs })}
              testId={testIds.query.lstmEpochs}
            />
          </InlineField>
        </InlineFieldRow>
      </Collapse>
      <Collapse label="Scaling policy" isOpen={policyOpen} onToggle={() => setPolicyOpen(!policyOpen)}>
        <PolicyFields
          value={query.policy}
          inherited={datasource.options.defaultPolicy}
          onChange={(policy) => update({ policy })}
        />
        <InlineFieldRow>
          <InlineField
            label="Current replicas"
            labelWidth={24}
            tooltip="Replicas running now; empty assumes the minimum."
          >
            <NumberInput
              value={query.currentReplicas}
              placeholder="min"
              min={0}
              onChange={(currentReplicas) => update({ currentReplicas })}
              testId={testIds.query.currentReplicas}
            />
          </InlineField>
          <InlineField
            label="Retire below"
            labelWidth={16}
            tooltip="Mark a series “retire” when its last-24 h peak is below this and its upper 95% forecast stays ≈ 0 (e.g. an unused model version). Empty: no retire check."
          >
            <NumberInput
              value={query.retireThreshold}
              placeholder="off"
              min={0}
              onChange={(retireThreshold) => update({ retireThreshold })}
              testId={testIds.query.retireThreshold}
            />
          </InlineField>
        </InlineFieldRow>
      </Collapse>
    </div>
  );
}
