/**
 * The Foresight query editor. Every input is controlled (it shows what the query holds, inherited
 * defaults as placeholders), changes reach the query as they are typed, and runs are debounced so a
 * burst of edits starts one run (blur and Enter run at once; the PromQL field runs on blur or
 * Shift+Enter only). A field with an invalid value says why
 * under it, and no run starts until it is fixed.
 */
import type { QueryEditorProps } from '@grafana/data';
import { Collapse, InlineField, InlineFieldRow, InlineSwitch, Input, RadioButtonGroup } from '@grafana/ui';
import React, { useCallback, useEffect, useId, useState } from 'react';
import type { LstmOptions, MethodChoice } from '../../engine/api';
import { getCompletions } from '../completion';
import type { ForesightDataSource } from '../datasource';
import { parseDurationMs, resolveTrainingStepMs } from '../duration';
import { migrateQuery, queryNeedsMigration } from '../migrations';
import { testIds } from '../testIds';
import { DEFAULT_QUERY, type ForesightOptions, type ForesightQuery, type ModelMode } from '../types';
import { EDITOR_LIMITS, LSTM_PLACEHOLDERS, parseLimitedNumber, type NumberLimit, type ParseResult } from './limits';
import { ParsedField } from './ParsedField';
import { PolicyFields, wrappingRadios } from './PolicyFields';
import { PromQLField } from './PromQLField';
import type { PromqlContext } from './promqlContext';
import { useDebouncedRun } from './useDebouncedRun';
import { useFieldProblems } from './useFieldProblems';

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

/** A query duration field's text: empty inherits the default, anything else must parse. */
function durationParser(field: string, allowAuto = false): (text: string) => ParseResult<string> {
  return (text) => {
    const trimmed = text.trim();
    if (trimmed === '') {
      return { ok: true, value: undefined };
    }
    const problem = durationProblem(trimmed, field, allowAuto);
    return problem ? { ok: false, problem } : { ok: true, value: trimmed };
  };
}
const identity = (s: string) => s;
const parseWindow = durationParser('training window');
const parseStep = durationParser('training step', true);
const parseHorizon = durationParser('horizon');
const parseMaxAge = durationParser('max model age');

/** The stored query without keys set to undefined (cleared fields inherit again). */
function withoutUndefined(query: ForesightQuery): ForesightQuery {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as ForesightQuery;
}

export function QueryEditor({ query: rawQuery, onChange, onRunQuery, datasource }: Props) {
  // What the query holds, upgraded to the current shape; defaults are placeholders, not values.
  const query = migrateQuery(rawQuery);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [policyOpen, setPolicyOpen] = useState(false);
  const problems = useFieldProblems();
  const { schedule, defer, flush } = useDebouncedRun(onRunQuery, problems.hasProblems);
  const ids = { expr: useId(), legend: useId(), unit: useId(), modelRef: useId(), fineTune: useId() };

  useEffect(() => {
    // Saved queries from older versions are upgraded once, so the dashboard stores the new shape.
    if (queryNeedsMigration(rawQuery)) {
      onChange(migrateQuery(rawQuery));
    }
  }, [rawQuery, onChange]);

  const update = (patch: Partial<ForesightQuery>, when: 'pause' | 'commit' = 'pause') => {
    onChange(withoutUndefined({ ...query, ...patch }));
    if (when === 'pause') {
      schedule();
    } else {
      defer();
    }
  };
  const updateLstm = (patch: Partial<LstmOptions>) => {
    const lstm = Object.fromEntries(
      Object.entries({ ...(query.lstm ?? {}), ...patch }).filter(([, v]) => v !== undefined)
    ) as LstmOptions;
    update({ lstm: Object.keys(lstm).length > 0 ? lstm : undefined });
  };
  const loadSuggestions = useCallback(
    async (ctx: PromqlContext) => getCompletions(await datasource.getPrometheus(), ctx),
    [datasource]
  );
  const enterRuns = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      flush();
    }
  };
  const lstmField = (key: keyof typeof LSTM_PLACEHOLDERS, label: string, tooltip: string, limit: NumberLimit) => (
    <ParsedField<number>
      label={label}
      labelWidth={12}
      tooltip={tooltip}
      value={query.lstm?.[key]}
      parse={(text) => parseLimitedNumber(text, limit)}
      format={String}
      placeholder={String(LSTM_PLACEHOLDERS[key])}
      onChange={(v) => updateLstm({ [key]: v })}
      onProblem={problems.reporter(`lstm.${key}`)}
      onCommit={flush}
      testId={
        key === 'window'
          ? testIds.query.lstmWindow
          : key === 'units'
            ? testIds.query.lstmUnits
            : testIds.query.lstmEpochs
      }
    />
  );

  return (
    <div data-testid={testIds.query.editor}>
      <InlineFieldRow>
        <InlineField
          label="PromQL"
          labelWidth={16}
          grow
          htmlFor={ids.expr}
          tooltip="Prometheus expression to forecast. $variables, $__interval and $__range work as in a Prometheus panel. Ctrl+Space suggests names; Shift+Enter runs."
        >
          <PromQLField
            id={ids.expr}
            value={query.expr ?? ''}
            placeholder='sum(rate(http_requests_total{service="checkout"}[5m]))'
            testId={testIds.query.expr}
            // PromQL runs on blur or Shift+Enter, as in Grafana's Prometheus editor: a typing pause
            // usually leaves a half-written expression (an HTTP 400, or training on the wrong series).
            onChange={(expr) => update({ expr }, 'commit')}
            onCommit={flush}
            loadSuggestions={loadSuggestions}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label="Legend"
          labelWidth={16}
          htmlFor={ids.legend}
          tooltip="Series name, e.g. {{instance}}; empty uses the labels."
        >
          <Input
            id={ids.legend}
            width={24}
            value={query.legendFormat ?? ''}
            placeholder="{{instance}}"
            data-testid={testIds.query.legend}
            onChange={(e) => update({ legendFormat: e.currentTarget.value || undefined })}
            onBlur={flush}
            onKeyDown={enterRuns}
          />
        </InlineField>
        <InlineField
          label="Unit"
          labelWidth={8}
          htmlFor={ids.unit}
          tooltip="Grafana unit of the metric, e.g. reqps, percent, bytes (for axes and tooltips)."
        >
          <Input
            id={ids.unit}
            width={10}
            value={query.unit ?? ''}
            placeholder="short"
            data-testid={testIds.query.unit}
            onChange={(e) => update({ unit: e.currentTarget.value.trim() || undefined })}
            onBlur={flush}
            onKeyDown={enterRuns}
          />
        </InlineField>
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
          onProblem={problems.reporter('trainingWindow')}
          onCommit={flush}
          testId={testIds.query.window}
        />
        <ParsedField<string>
          label="Step"
          labelWidth={8}
          width={10}
          tooltip="Resolution of the training data: auto, or a duration such as 60s or 5m."
          value={query.trainingStep}
          parse={parseStep}
          format={identity}
          placeholder={DEFAULT_QUERY.trainingStep}
          onChange={(trainingStep) => update({ trainingStep })}
          onProblem={problems.reporter('trainingStep')}
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
          onProblem={problems.reporter('horizon')}
          onCommit={flush}
          testId={testIds.query.horizon}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label="Method"
          labelWidth={16}
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
        <InlineField
          label="Model"
          labelWidth={10}
          shrink
          tooltip="Train in the browser, load a saved model, or reuse the cached one until it ages out."
        >
          <RadioButtonGroup
            aria-label="Model"
            className={wrappingRadios}
            options={MODE_OPTIONS}
            value={query.modelMode ?? DEFAULT_QUERY.modelMode}
            onChange={(modelMode) => update({ modelMode })}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label="Model name"
          labelWidth={16}
          htmlFor={ids.modelRef}
          tooltip={
            query.modelMode === 'load'
              ? 'Name saved in this browser, or a URL to a saved model.'
              : 'Optional: also save the trained model under this name.'
          }
        >
          <Input
            id={ids.modelRef}
            width={32}
            value={query.modelRef ?? ''}
            placeholder={query.modelMode === 'load' ? 'checkout-rps or https://…' : 'optional'}
            data-testid={testIds.query.modelRef}
            onChange={(e) => update({ modelRef: e.currentTarget.value.trim() || undefined })}
            onBlur={flush}
            onKeyDown={enterRuns}
          />
        </InlineField>
        {query.modelMode === 'load' && (
          <InlineField
            label="Fine-tune"
            labelWidth={12}
            htmlFor={ids.fineTune}
            tooltip="Continue training the loaded model on the fresh window."
          >
            <InlineSwitch
              id={ids.fineTune}
              value={!!query.fineTune}
              onChange={(e) => update({ fineTune: e.currentTarget.checked || undefined })}
              data-testid={testIds.query.fineTune}
            />
          </InlineField>
        )}
        {query.modelMode === 'auto-retrain' && (
          <>
            <ParsedField<string>
              label="Max age"
              labelWidth={10}
              width={8}
              tooltip="Retrain when the cached model is older than this, e.g. 1d or 12h."
              value={query.maxModelAge}
              parse={parseMaxAge}
              format={identity}
              placeholder={DEFAULT_QUERY.maxModelAge}
              onChange={(maxModelAge) => update({ maxModelAge })}
              onProblem={problems.reporter('maxModelAge')}
              onCommit={flush}
              testId={testIds.query.maxAge}
            />
            <ParsedField<number>
              label="Max error vs seasonal naive"
              labelWidth={26}
              width={8}
              tooltip="Retrain when the model's MAE relative to seasonal naive rises above this (1 = no better than seasonal naive)."
              value={query.maxRelMae}
              parse={(text) => parseLimitedNumber(text, EDITOR_LIMITS.maxRelMae)}
              format={String}
              placeholder={String(DEFAULT_QUERY.maxRelMae)}
              onChange={(maxRelMae) => update({ maxRelMae })}
              onProblem={problems.reporter('maxRelMae')}
              onCommit={flush}
              testId={testIds.query.maxRelMae}
            />
          </>
        )}
      </InlineFieldRow>
      <Collapse label="Advanced (LSTM)" isOpen={advancedOpen} onToggle={() => setAdvancedOpen(!advancedOpen)}>
        <InlineFieldRow>
          {lstmField(
            'window',
            'Window',
            'Input steps the LSTM sees per prediction (longer = slower training).',
            EDITOR_LIMITS.lstmWindow
          )}
          {lstmField('units', 'Units', 'LSTM hidden units (more = slower training).', EDITOR_LIMITS.lstmUnits)}
          {lstmField('epochs', 'Epochs', 'Training passes (early stopping may end sooner).', EDITOR_LIMITS.lstmEpochs)}
        </InlineFieldRow>
      </Collapse>
      <Collapse label="Scaling policy" isOpen={policyOpen} onToggle={() => setPolicyOpen(!policyOpen)}>
        <PolicyFields
          value={query.policy}
          inherited={datasource.options?.defaultPolicy}
          onChange={(policy) => update({ policy: Object.keys(policy).length > 0 ? policy : undefined })}
          reporter={problems.reporter}
          onCommit={flush}
        />
        <InlineFieldRow>
          <ParsedField<number>
            label="Current replicas"
            labelWidth={24}
            tooltip="Replicas running now; empty assumes the minimum."
            value={query.currentReplicas}
            parse={(text) => parseLimitedNumber(text, EDITOR_LIMITS.currentReplicas)}
            format={String}
            placeholder="min"
            onChange={(currentReplicas) => update({ currentReplicas })}
            onProblem={problems.reporter('currentReplicas')}
            onCommit={flush}
            testId={testIds.query.currentReplicas}
          />
          <ParsedField<number>
            label="Retire below"
            labelWidth={16}
            tooltip="Mark a series “retire” when its last-24 h peak is below this and its upper 95% forecast stays ≈ 0 (e.g. an unused model version). Empty: no retire check."
            value={query.retireThreshold}
            parse={(text) => parseLimitedNumber(text, EDITOR_LIMITS.retireThreshold)}
            format={String}
            placeholder="off"
            onChange={(retireThreshold) => update({ retireThreshold })}
            onProblem={problems.reporter('retireThreshold')}
            onCommit={flush}
            testId={testIds.query.retireThreshold}
          />
        </InlineFieldRow>
      </Collapse>
      {problems.problems.length > 0 && (
        <div role="alert" data-testid={testIds.query.durationError}>
          {/* The specifics are under each field; this says why nothing runs. */}
          Not run until fixed:{' '}
          {problems.problems.length === 1 ? 'one setting is' : `${problems.problems.length} settings are`} invalid (see
          the message{problems.problems.length === 1 ? '' : 's'} above).
        </div>
      )}
    </div>
  );
}
