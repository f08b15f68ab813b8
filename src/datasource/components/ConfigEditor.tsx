import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { Field, FieldSet, Input, RadioButtonGroup } from '@grafana/ui';
import React, { useEffect, useId } from 'react';
import type { ComputeBackend } from '../../engine/api';
import { testIds } from '../testIds';
import { DEFAULT_OPTIONS, DEFAULT_REQUEST_TIMEOUT_SEC, type ForesightOptions, type ModelStorage } from '../types';
import { parseBoundedDuration, secondsToDurationText } from './durationText';
import { EDITOR_LIMITS, parseLimitedNumber } from './limits';
import { ParsedField } from './ParsedField';
import { PolicyFields, wrappingRadios } from './PolicyFields';
import { type FieldProblems, useFieldProblems } from './useFieldProblems';

type Props = DataSourcePluginOptionsEditorProps<ForesightOptions>;

/** The data source caps the timeout at an hour (`requestTimeoutMs` in ../types); the editor says so. */
const MAX_REQUEST_TIMEOUT_SEC = 3600;

const STORAGE_OPTIONS: Array<{ label: string; value: ModelStorage; description: string }> = [
  {
    label: 'This browser (IndexedDB)',
    value: 'indexeddb',
    description: 'Trained models are kept in the browser that trained them.',
  },
  { label: 'Base URL', value: 'url', description: 'Saved models are loaded from <base URL>/<name>.json.' },
];
const BACKEND_OPTIONS: Array<{ label: string; value: ComputeBackend }> = [
  { label: 'Auto', value: 'auto' },
  { label: 'WebAssembly', value: 'wasm' },
  { label: 'WebGL', value: 'webgl' },
  { label: 'CPU', value: 'cpu' },
];

/**
 * A test id around a child of `Field`: Field hands its child `invalid`/`disabled` props, which a bare
 * div would write to the DOM as unknown attributes.
 */
function TestIdBox({ testId, children }: { testId: string; children: React.ReactNode; invalid?: boolean }) {
  return <div data-testid={testId}>{children}</div>;
}

/** Changes one part of the data source's settings. */
interface SectionProps {
  json: ForesightOptions;
  update(patch: Partial<ForesightOptions>): void;
  reporter?: FieldProblems['reporter'];
}

/** Which Prometheus to forecast from, how many series a query may return, how long to wait. */
function PrometheusFields({ json, update, reporter }: SectionProps) {
  return (
    <FieldSet label="Prometheus">
      <Field
        label="Prometheus data source"
        description="Foresight fetches actuals and training history through this data source, with its auth and proxy settings."
        required
        invalid={!json.prometheusUid}
        error="Pick the Prometheus data source to forecast from."
      >
        <TestIdBox testId={testIds.config.prometheus}>
          <DataSourcePicker
            current={json.prometheusUid ?? null}
            type="prometheus"
            noDefault
            width={40}
            onChange={(ds) => update({ prometheusUid: ds.uid })}
          />
        </TestIdBox>
      </Field>
      <ParsedField<number>
        label="Series per query"
        labelWidth={24}
        tooltip="Each series gets a quick forecast at once and then its own model, trained in the background; queries returning more are cut at this number with a message."
        value={json.maxSeries}
        parse={(text) => parseLimitedNumber(text, EDITOR_LIMITS.maxSeries)}
        format={String}
        placeholder={String(DEFAULT_OPTIONS.maxSeries)}
        onChange={(maxSeries) => update({ maxSeries })}
        onProblem={reporter?.('maxSeries')}
        testId={testIds.config.maxSeries}
      />
      <ParsedField<number>
        label="Request timeout"
        labelWidth={24}
        tooltip="How long to wait for each request to Prometheus (and for a model URL) before saying it timed out, e.g. 30s or 2m."
        value={json.requestTimeoutSec}
        parse={(text) => parseBoundedDuration(text, 'Request timeout', 1, MAX_REQUEST_TIMEOUT_SEC)}
        format={secondsToDurationText}
        placeholder={secondsToDurationText(DEFAULT_REQUEST_TIMEOUT_SEC)}
        onChange={(requestTimeoutSec) => update({ requestTimeoutSec })}
        onProblem={reporter?.('requestTimeout')}
        testId={testIds.config.requestTimeout}
      />
    </FieldSet>
  );
}

/** Where saved models live, and which TensorFlow.js backend trains them. */
function ModelStorageFields({ json, update }: SectionProps) {
  const baseUrlId = useId();
  return (
    <FieldSet label="Models">
      <Field label="Model storage" description="Where saved models are kept and loaded from (model mode “load”).">
        <RadioButtonGroup
          aria-label="Model storage"
          className={wrappingRadios}
          options={STORAGE_OPTIONS}
          value={json.modelStorage ?? DEFAULT_OPTIONS.modelStorage}
          onChange={(v) => update({ modelStorage: v })}
        />
      </Field>
      {json.modelStorage === 'url' && (
        <Field label="Model base URL" description="e.g. https://models.example.com/foresight" htmlFor={baseUrlId}>
          <Input
            id={baseUrlId}
            width={60}
            value={json.modelBaseUrl ?? ''}
            placeholder="https://…"
            data-testid={testIds.config.baseUrl}
            onChange={(e) => update({ modelBaseUrl: e.currentTarget.value.trim() || undefined })}
          />
        </Field>
      )}
      <Field
        label="Compute backend"
        description="Auto uses WebAssembly with a CPU fallback; WebGL helps only with a real GPU."
      >
        <RadioButtonGroup
          aria-label="Compute backend"
          className={wrappingRadios}
          options={BACKEND_OPTIONS}
          value={json.backend ?? DEFAULT_OPTIONS.backend}
          onChange={(v) => update({ backend: v })}
        />
      </Field>
    </FieldSet>
  );
}

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const json = options.jsonData;
  const update = (patch: Partial<ForesightOptions>) => onOptionsChange({ ...options, jsonData: { ...json, ...patch } });
  const { reporter, problems } = useFieldProblems();
  // Saved with the settings, so "Save & test" can say which typed values are not in use.
  const saved = (json.settingProblems ?? []).join('\n');
  useEffect(() => {
    if (problems.join('\n') !== saved) {
      update({ settingProblems: problems.length ? problems : undefined });
    }
    // `update` is rebuilt every render; only a change of the problems matters here
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [problems, saved]);
  return (
    <>
      <PrometheusFields json={json} update={update} reporter={reporter} />
      <ModelStorageFields json={json} update={update} />
      <FieldSet label="Default scaling policy">
        <PolicyFields
          value={json.defaultPolicy}
          onChange={(defaultPolicy) => update({ defaultPolicy })}
          reporter={reporter}
        />
      </FieldSet>
    </>
  );
}
