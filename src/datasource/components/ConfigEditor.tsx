import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { Field, FieldSet, Input, RadioButtonGroup } from '@grafana/ui';
import React from 'react';
import type { ComputeBackend } from '../../engine/api';
import { testIds } from '../testIds';
import { DEFAULT_OPTIONS, type ForesightOptions, type ModelStorage } from '../types';
import { NumberInput } from './NumberInput';
import { PolicyFields } from './PolicyFields';

type Props = DataSourcePluginOptionsEditorProps<ForesightOptions>;

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

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const json = options.jsonData;
  const update = (patch: Partial<ForesightOptions>) => onOptionsChange({ ...options, jsonData: { ...json, ...patch } });
  return (
    <>
      <FieldSet label="Prometheus">
        <Field
          label="Prometheus data source"
          description="Foresight fetches actuals and training history through this data source, with its auth and proxy settings."
          required
          invalid={!json.prometheusUid}
          error="Pick the Prometheus data source to forecast from."
        >
          <div data-testid={testIds.config.prometheus}>
            <DataSourcePicker
              current={json.prometheusUid ?? null}
              type="prometheus"
              noDefault
              width={40}
              onChange={(ds) => update({ prometheusUid: ds.uid })}
            />
          </div>
        </Field>
        <Field
          label="Series per query"
          description="Each series gets its own model; queries returning more are cut at this number with a message."
        >
          <NumberInput
            value={json.maxSeries}
            placeholder={String(DEFAULT_OPTIONS.maxSeries)}
            min={1}
            onChange={(v) => update({ maxSeries: v })}
            testId={testIds.config.maxSeries}
          />
        </Field>
      </FieldSet>
      <FieldSet label="Models">
        <Field label="Model storage" description="Where saved models are kept and loaded from (model mode “load”).">
          <RadioButtonGroup
            options={STORAGE_OPTIONS}
            value={json.modelStorage ?? DEFAULT_OPTIONS.modelStorage}
            onChange={(v) => update({ modelStorage: v })}
          />
        </Field>
        {json.modelStorage === 'url' && (
          <Field label="Model base URL" description="e.g. https://models.example.com/foresight">
            <Input
              width={60}
              defaultValue={json.modelBaseUrl ?? ''}
              placeholder="https://…"
              data-testid={testIds.config.baseUrl}
              onBlur={(e) => update({ modelBaseUrl: e.currentTarget.value.trim() || undefined })}
            />
          </Field>
        )}
        <Field
          label="Compute backend"
          description="Auto uses WebAssembly with a CPU fallback; WebGL helps only with a real GPU."
        >
          <RadioButtonGroup
            options={BACKEND_OPTIONS}
            value={json.backend ?? DEFAULT_OPTIONS.backend}
            onChange={(v) => update({ backend: v })}
          />
        </Field>
      </FieldSet>
      <FieldSet label="Default scaling policy">
        <PolicyFields value={json.defaultPolicy} onChange={(defaultPolicy) => update({ defaultPolicy })} />
      </FieldSet>
    </>
  );
}
