/**
 * Scaling policy fields, used for the data source default (ConfigEditor) and per-query overrides
 * (QueryEditor). Empty fields inherit; the effective policy is validated by the policy layer.
 */
import { InlineField, InlineFieldRow, RadioButtonGroup } from '@grafana/ui';
import React from 'react';
import { DEFAULT_POLICY, validatePolicy } from '../../policy';
import type { Headroom, PolicyKind, ScalingPolicy } from '../../policy/types';
import { testIds } from '../testIds';
import { NumberInput } from './NumberInput';

interface Props {
  value: Partial<ScalingPolicy> | undefined;
  /** What empty fields fall back to (shown as placeholders). */
  inherited?: Partial<ScalingPolicy>;
  onChange(value: Partial<ScalingPolicy>): void;
}

const KIND_OPTIONS: Array<{ label: string; value: PolicyKind; description: string }> = [
  { label: 'Target tracking', value: 'target', description: 'Replicas = forecast load / capacity per replica' },
  {
    label: 'Thresholds',
    value: 'thresholds',
    description: 'Below the low threshold scale down, above the high one scale up',
  },
];
const HEADROOM_OPTIONS: Array<{ label: string; value: Headroom }> = [
  { label: 'Forecast', value: 'mean' },
  { label: 'Upper 80%', value: 'upper80' },
  { label: 'Upper 95%', value: 'upper95' },
];

export function policyProblem(policy: Partial<ScalingPolicy>): string | undefined {
  try {
    validatePolicy(policy);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export function PolicyFields({ value = {}, inherited = {}, onChange }: Props) {
  const base = { ...DEFAULT_POLICY, ...inherited };
  const set = <K extends keyof ScalingPolicy>(key: K, v: ScalingPolicy[K] | undefined) =>
    onChange({ ...value, [key]: v });
  const kind = value.kind ?? base.kind;
  const problem = policyProblem({ ...base, ...value });
  const num = (key: keyof ScalingPolicy, label: string, tooltip: string, testId: string) => (
    <InlineField label={label} labelWidth={24} tooltip={tooltip}>
      <NumberInput
        value={value[key] as number | undefined}
        placeholder={String(base[key])}
        onChange={(v) => set(key, v as never)}
        testId={testId}
      />
    </InlineField>
  );
  return (
    <>
      <InlineFieldRow>
        <InlineField label="Scaling policy" labelWidth={24} tooltip="How forecast load becomes a replica count.">
          <RadioButtonGroup options={KIND_OPTIONS} value={kind} onChange={(v) => set('kind', v)} />
        </InlineField>
        <InlineField
          label="Plan on"
          labelWidth={12}
          tooltip="Which forecast line to size for: the forecast itself or an upper band for headroom."
        >
          <RadioButtonGroup
            options={HEADROOM_OPTIONS}
            value={value.headroom ?? base.headroom}
            onChange={(v) => set('headroom', v)}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        {kind === 'target' ? (
          num(
            'capacityPerReplica',
            'Capacity per replica',
            'Load one replica handles at the target, in the metric’s unit (e.g. 250 req/s).',
            testIds.policy.capacity
          )
        ) : (
          <>
            {num(
              'lowThreshold',
              'Scale down below',
              'Forecast below this: remove replicas (the original design used 50).',
              testIds.policy.low
            )}
            {num(
              'highThreshold',
              'Scale up above',
              'Forecast above this: add replicas (the original design used 2,500).',
              testIds.policy.high
            )}
          </>
        )}
      </InlineFieldRow>
      <InlineFieldRow>
        {num('minReplicas', 'Min replicas', 'Never recommend fewer replicas.', testIds.policy.min)}
        {num('maxReplicas', 'Max replicas', 'Never recommend more replicas.', testIds.policy.max)}
      </InlineFieldRow>
      <InlineFieldRow>
        {num(
          'scaleDownStabilizationSec',
          'Scale-down window (s)',
          'Scale down only to the highest recommendation of this window (HPA default 300 s).',
          testIds.policy.stabilization
        )}
        {num('cooldownSec', 'Cooldown (s)', 'Minimum time between two scale actions.', testIds.policy.cooldown)}
        {num(
          'leadTimeSec',
          'Lead time (s)',
          'How long a new replica takes to be ready; scale-ups are asked for this far ahead.',
          testIds.policy.leadTime
        )}
      </InlineFieldRow>
      {problem && (
        <div role="alert" data-testid={testIds.policy.error}>
          {problem}
        </div>
      )}
    </>
  );
}
