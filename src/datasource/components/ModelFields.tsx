/**
 * The model section of the query editor: train, load or auto-retrain; the model's name (or URL);
 * fine-tuning a loaded model; when auto-retrain retrains; and the LSTM's knobs (collapsed).
 */
import { Collapse, InlineField, InlineFieldRow, InlineSwitch, Input, RadioButtonGroup } from '@grafana/ui';
import React, { useId, useState } from 'react';
import type { LstmOptions } from '../../engine/api';
import { testIds } from '../testIds';
import { DEFAULT_QUERY, type ModelMode } from '../types';
import { EDITOR_LIMITS, LSTM_PLACEHOLDERS, type NumberLimit, parseLimitedNumber } from './limits';
import { ParsedField } from './ParsedField';
import { wrappingRadios } from './PolicyFields';
import { durationParser, enterRuns, identity, type SectionProps } from './querySection';
import { useSavedModelNames } from './useSavedModelNames';

const MODE_OPTIONS: Array<{ label: string; value: ModelMode; description: string }> = [
  { label: 'Train', value: 'train', description: 'Train on the training window now' },
  { label: 'Load', value: 'load', description: 'Use a saved model (name or URL)' },
  {
    label: 'Auto-retrain',
    value: 'auto-retrain',
    description: 'Reuse the cached model until it is too old or its accuracy drops',
  },
];

const parseMaxAge = durationParser('max model age');

type LstmKey = keyof typeof LSTM_PLACEHOLDERS;

const LSTM_FIELDS: Array<{ key: LstmKey; label: string; tooltip: string; limit: NumberLimit; testId: string }> = [
  {
    key: 'window',
    label: 'Window',
    tooltip: 'Input steps the LSTM sees per prediction (longer = slower training).',
    limit: EDITOR_LIMITS.lstmWindow,
    testId: testIds.query.lstmWindow,
  },
  {
    key: 'units',
    label: 'Units',
    tooltip: 'LSTM hidden units (more = slower training).',
    limit: EDITOR_LIMITS.lstmUnits,
    testId: testIds.query.lstmUnits,
  },
  {
    key: 'epochs',
    label: 'Epochs',
    tooltip: 'Training passes (early stopping may end sooner).',
    limit: EDITOR_LIMITS.lstmEpochs,
    testId: testIds.query.lstmEpochs,
  },
];

/** The LSTM's knobs, collapsed by default: empty fields keep the engine's defaults (placeholders). */
function LstmFields({ query, update, flush, reporter }: SectionProps) {
  const [open, setOpen] = useState(false);
  const updateLstm = (patch: Partial<LstmOptions>) => {
    const lstm = Object.fromEntries(
      Object.entries({ ...(query.lstm ?? {}), ...patch }).filter(([, v]) => v !== undefined)
    ) as LstmOptions;
    update({ lstm: Object.keys(lstm).length > 0 ? lstm : undefined });
  };
  return (
    <Collapse label="Advanced (LSTM)" isOpen={open} onToggle={() => setOpen(!open)}>
      <InlineFieldRow>
        {LSTM_FIELDS.map(({ key, label, tooltip, limit, testId }) => (
          <ParsedField<number>
            key={key}
            label={label}
            labelWidth={12}
            tooltip={tooltip}
            value={query.lstm?.[key]}
            parse={(text) => parseLimitedNumber(text, limit)}
            format={String}
            placeholder={String(LSTM_PLACEHOLDERS[key])}
            onChange={(v) => updateLstm({ [key]: v })}
            onProblem={reporter(`lstm.${key}`)}
            onCommit={flush}
            testId={testId}
          />
        ))}
      </InlineFieldRow>
    </Collapse>
  );
}

/** When auto-retrain retrains: the cached model's age, or its error against seasonal naive. */
function RetrainFields({ query, update, flush, reporter }: SectionProps) {
  return (
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
        onProblem={reporter('maxModelAge')}
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
        onProblem={reporter('maxRelMae')}
        onCommit={flush}
        testId={testIds.query.maxRelMae}
      />
    </>
  );
}

/** " (here: a, b, c and 3 more)" for the tooltip; " (none here yet)" without saved names. */
function savedHere(names: string[]): string {
  if (names.length === 0) {
    return ' (none here yet)';
  }
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? ` (here: ${shown} and ${names.length - 3} more)` : ` (here: ${shown})`;
}

export function ModelFields(props: SectionProps) {
  const { query, update, flush } = props;
  const ids = { modelRef: useId(), fineTune: useId(), savedNames: useId() };
  const loading = query.modelMode === 'load';
  const savedNames = useSavedModelNames(loading);
  return (
    <>
      <InlineFieldRow>
        <InlineField
          label="Model"
          labelWidth={16}
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
        <InlineField
          label="Model name"
          labelWidth={16}
          htmlFor={ids.modelRef}
          tooltip={
            loading
              ? `Name saved in this browser${savedHere(savedNames)}, or a URL to a saved model.`
              : 'Optional: also save the trained model under this name.'
          }
        >
          <Input
            id={ids.modelRef}
            width={32}
            value={query.modelRef ?? ''}
            placeholder={loading ? 'checkout-rps or https://…' : 'optional'}
            data-testid={testIds.query.modelRef}
            // The browser offers the saved names as the user types, and still takes any URL.
            list={savedNames.length ? ids.savedNames : undefined}
            // Kept as typed: trimming each keystroke ate the space before the next word
            // ("checkout rps" became "checkoutrps"); the name is trimmed where it is used.
            onChange={(e) => update({ modelRef: e.currentTarget.value.trim() ? e.currentTarget.value : undefined })}
            onBlur={flush}
            onKeyDown={enterRuns(flush)}
          />
        </InlineField>
        {savedNames.length > 0 && (
          <datalist id={ids.savedNames} data-testid={testIds.query.savedModelNames}>
            {savedNames.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        )}
        {loading && (
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
        {query.modelMode === 'auto-retrain' && <RetrainFields {...props} />}
      </InlineFieldRow>
      <LstmFields {...props} />
    </>
  );
}
