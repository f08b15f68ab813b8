/**
 * Scaling policy fields, used for the data source default (ConfigEditor) and per-query overrides
 * (QueryEditor). Empty fields inherit, and the placeholder shows what they inherit; durations are
 * typed as durations (`5m`) and stored in seconds; the effective policy is validated by the policy
 * layer and its problem shown under the fields.
 */
import { css } from '@emotion/css';
import { InlineField, InlineFieldRow, RadioButtonGroup } from '@grafana/ui';
import React, { useEffect } from 'react';
import { DEFAULT_POLICY, validatePolicy } from '../../policy';
import type { Headroom, PolicyKind, ScalingPolicy } from '../../policy/types';
import { testIds } from '../testIds';
import { parsePolicyDuration, secondsToDurationText } from './durationText';
import { EDITOR_LIMITS, parseLimitedNumber, type NumberLimit } from './limits';
import { ParsedField } from './ParsedField';

interface Props {
  value: Partial<ScalingPolicy> | undefined;
  /** What empty fields fall back to (shown as placeholders). */
  inherited?: Partial<ScalingPolicy>;
  onChange(value: Partial<ScalingPolicy>): void;
  /** Reporter for one field's problem (or the whole policy's), for the editor's run gate. */
  reporter?(key: string): (problem: string | undefined) => void;
  /** Blur / Enter in a field. */
  onCommit?(): void;
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

/** Fields that only one kind uses: a kind switch clears them so that kind's defaults apply. */
const KIND_FIELDS: Array<keyof ScalingPolicy> = [
  'capacityPerReplica',
  'tolerance',
  'lowThreshold',
  'highThreshold',
  'step',
  'thresholdBasis',
];

/**
 * Radio groups are named by `aria-label` (a radiogroup has no single input for a label's `htmlFor`).
 * They wrap onto a second line in a narrow editor instead of running out of it.
 */
export const wrappingRadios = css({ flexWrap: 'wrap', height: 'auto' });

export function policyProblem(policy: Partial<ScalingPolicy>): string | undefined {
  try {
    validatePolicy(policy);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** The policy after switching to `kind`: kind-specific overrides are dropped, so they inherit again. */
export function switchPolicyKind(value: Partial<ScalingPolicy>, kind: PolicyKind): Partial<ScalingPolicy> {
  const next: Partial<ScalingPolicy> = { ...value, kind };
  for (const key of KIND_FIELDS) {
    delete next[key];
  }
  return next;
}

type NumberKey = 'capacityPerReplica' | 'lowThreshold' | 'highThreshold' | 'minReplicas' | 'maxReplicas';
type DurationKey = 'scaleDownStabilizationSec' | 'cooldownSec' | 'leadTimeSec';

export function PolicyFields({ value = {}, inherited = {}, onChange, reporter, onCommit }: Props) {
  const base: ScalingPolicy = { ...DEFAULT_POLICY, ...inherited };
  const set = <K extends keyof ScalingPolicy>(key: K, v: ScalingPolicy[K] | undefined) => {
    const next = { ...value, [key]: v };
    if (v === undefined) {
      delete next[key];
    }
    onChange(next);
  };
  const kind = value.kind ?? base.kind;
  const problem = policyProblem({ ...base, ...value });
  // Reporters are stable per key (useFieldProblems), so these effects run on a change of problem.
  const report = reporter?.('policy');
  useEffect(() => {
    report?.(problem);
  }, [report, problem]);
  useEffect(() => () => report?.(undefined), [report]);

  const num = (key: NumberKey, label: string, tooltip: string, testId: string, limit: NumberLimit) => (
    <ParsedField<number>
      label={label}
      labelWidth={24}
      tooltip={tooltip}
      value={value[key]}
      parse={(text) => parseLimitedNumber(text, limit)}
      format={String}
      placeholder={String(base[key])}
      onChange={(v) => set(key, v)}
      onProblem={reporter?.(`policy.${key}`)}
      onCommit={onCommit}
      testId={testId}
    />
  );
  const duration = (key: DurationKey, label: string, tooltip: string, testId: string) => (
    <ParsedField<number>
      label={label}
      labelWidth={24}
      tooltip={tooltip}
      value={value[key]}
      parse={(text) => parsePolicyDuration(text, label)}
      format={secondsToDurationText}
      placeholder={secondsToDurationText(base[key])}
      onChange={(v) => set(key, v)}
      onProblem={reporter?.(`policy.${key}`)}
      onCommit={onCommit}
      testId={testId}
    />
  );
  return (
    <>
      <InlineFieldRow>
        <InlineField label="Scaling policy" labelWidth={24} tooltip="How forecast load becomes a replica count." shrink>
          <RadioButtonGroup
            aria-label="Scaling policy"
            className={wrappingRadios}
            options={KIND_OPTIONS}
            value={kind}
            onChange={(v) => onChange(switchPolicyKind(value, v))}
          />
        </InlineField>
        <InlineField
          label="Plan on"
          labelWidth={12}
          tooltip="Which forecast line to size for: the forecast itself or an upper band for headroom."
          shrink
        >
          <RadioButtonGroup
            aria-label="Plan on"
            className={wrappingRadios}
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
            testIds.policy.capacity,
            EDITOR_LIMITS.capacityPerReplica
          )
        ) : (
          <>
            {num(
              'lowThreshold',
              'Scale down below',
              'Forecast below this: remove replicas (the original design used 50).',
              testIds.policy.low,
              EDITOR_LIMITS.lowThreshold
            )}
            {num(
              'highThreshold',
              'Scale up above',
              'Forecast above this: add replicas (the original design used 2,500).',
              testIds.policy.high,
              EDITOR_LIMITS.highThreshold
            )}
          </>
        )}
      </InlineFieldRow>
      <InlineFieldRow>
        {num(
          'minReplicas',
          'Min replicas',
          'Never recommend fewer replicas.',
          testIds.policy.min,
          EDITOR_LIMITS.minReplicas
        )}
        {num(
          'maxReplicas',
          'Max replicas',
          'Never recommend more replicas.',
          testIds.policy.max,
          EDITOR_LIMITS.maxReplicas
        )}
      </InlineFieldRow>
      <InlineFieldRow>
        {duration(
          'scaleDownStabilizationSec',
          'Scale-down window',
          'Scale down only to the highest recommendation of this window, e.g. 5m (the HPA default).',
          testIds.policy.stabilization
        )}
        {duration(
          'cooldownSec',
          'Cooldown',
          'Minimum time between two scale actions, e.g. 1m.',
          testIds.policy.cooldown
        )}
        {duration(
          'leadTimeSec',
          'Lead time',
          'How long a new replica takes to be ready, e.g. 15m; scale-ups are asked for this far ahead.',
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
