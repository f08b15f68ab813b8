/**
 * Scaling policy fields, used for the data source default (ConfigEditor) and per-query overrides
 * (QueryEditor). Empty fields inherit, and the placeholder shows what they inherit; durations are
 * typed as durations (`5m`) and stored in seconds; the effective policy is validated by the policy
 * layer and its problem shown under the fields.
 */
import { css } from '@emotion/css';
import { InlineField, InlineFieldRow, RadioButtonGroup } from '@grafana/ui';
import React, { useEffect, useRef } from 'react';
import { DEFAULT_POLICY, validatePolicy } from '../../policy';
import type { Headroom, PolicyKind, ScalingPolicy } from '../../policy/types';
import { testIds } from '../testIds';
import { parsePolicyDuration, secondsToDurationText } from './durationText';
import { EDITOR_LIMITS, parseLimitedNumber, type NumberLimit } from './limits';
import { ParsedField } from './ParsedField';
import { POLICY_LABELS, withPolicyLabels } from '../policyLabels';

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

/**
 * Fields that only one kind uses: a kind switch clears them so that kind's defaults apply, and
 * switching back in the same editor restores them (a round trip used to lose a capacity of 0.2 to
 * the default 250 without a word, and the plan changed with it).
 */
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
    return withPolicyLabels(err instanceof Error ? err.message : String(err));
  }
}

/**
 * The policy after switching to `kind`: kind-specific overrides are dropped, so they inherit again,
 * except those `kept` from when this kind was last left.
 */
export function switchPolicyKind(
  value: Partial<ScalingPolicy>,
  kind: PolicyKind,
  kept: Partial<ScalingPolicy> = {}
): Partial<ScalingPolicy> {
  const next: Partial<ScalingPolicy> = { ...value, kind };
  for (const key of KIND_FIELDS) {
    delete next[key];
  }
  return { ...next, ...kept };
}

/** The kind-specific overrides of `value`, to restore when its kind is chosen again. */
export function kindOverrides(value: Partial<ScalingPolicy>): Partial<ScalingPolicy> {
  return Object.fromEntries(KIND_FIELDS.filter((k) => value[k] !== undefined).map((k) => [k, value[k]]));
}

type NumberKey = 'capacityPerReplica' | 'lowThreshold' | 'highThreshold' | 'minReplicas' | 'maxReplicas';
type DurationKey = 'scaleDownStabilizationSec' | 'cooldownSec' | 'leadTimeSec';

/** One text field of the policy: a number within limits, or a duration typed as `5m`, stored in seconds. */
type FieldSpec = { label: string; tooltip: string; testId: string } & (
  { key: NumberKey; limit: NumberLimit } | { key: DurationKey; limit?: undefined }
);

const TARGET_FIELDS: FieldSpec[] = [
  {
    key: 'capacityPerReplica',
    label: POLICY_LABELS.capacityPerReplica,
    tooltip: 'Load one replica handles at the target, in the metric’s unit (e.g. 250 req/s).',
    testId: testIds.policy.capacity,
    limit: EDITOR_LIMITS.capacityPerReplica,
  },
];
const THRESHOLD_FIELDS: FieldSpec[] = [
  {
    key: 'lowThreshold',
    label: POLICY_LABELS.lowThreshold,
    tooltip: 'Forecast below this: remove replicas (the original design used 50).',
    testId: testIds.policy.low,
    limit: EDITOR_LIMITS.lowThreshold,
  },
  {
    key: 'highThreshold',
    label: POLICY_LABELS.highThreshold,
    tooltip: 'Forecast above this: add replicas (the original design used 2,500).',
    testId: testIds.policy.high,
    limit: EDITOR_LIMITS.highThreshold,
  },
];
const REPLICA_FIELDS: FieldSpec[] = [
  {
    key: 'minReplicas',
    label: POLICY_LABELS.minReplicas,
    tooltip: 'Never recommend fewer replicas.',
    testId: testIds.policy.min,
    limit: EDITOR_LIMITS.minReplicas,
  },
  {
    key: 'maxReplicas',
    label: POLICY_LABELS.maxReplicas,
    tooltip: 'Never recommend more replicas.',
    testId: testIds.policy.max,
    limit: EDITOR_LIMITS.maxReplicas,
  },
];
const TIMING_FIELDS: FieldSpec[] = [
  {
    key: 'scaleDownStabilizationSec',
    label: POLICY_LABELS.scaleDownStabilizationSec,
    tooltip: 'Scale down only to the highest recommendation of this window, e.g. 5m (the HPA default).',
    testId: testIds.policy.stabilization,
  },
  {
    key: 'cooldownSec',
    label: POLICY_LABELS.cooldownSec,
    tooltip: 'Minimum time between two scale actions, e.g. 1m.',
    testId: testIds.policy.cooldown,
  },
  {
    key: 'leadTimeSec',
    label: POLICY_LABELS.leadTimeSec,
    tooltip: 'How long a new replica takes to be ready, e.g. 15m; scale-ups are asked for this far ahead.',
    testId: testIds.policy.leadTime,
  },
];

interface FieldContext {
  value: Partial<ScalingPolicy>;
  /** What empty fields fall back to. */
  base: ScalingPolicy;
  set<K extends keyof ScalingPolicy>(key: K, v: ScalingPolicy[K] | undefined): void;
  reporter?: Props['reporter'];
  onCommit?(): void;
}

function PolicyField({ spec, ctx }: { spec: FieldSpec; ctx: FieldContext }) {
  const { key, label, limit } = spec;
  const fallback = ctx.base[key];
  return (
    <ParsedField<number>
      label={label}
      labelWidth={24}
      tooltip={spec.tooltip}
      value={ctx.value[key]}
      parse={(text) => (limit ? parseLimitedNumber(text, limit) : parsePolicyDuration(text, label))}
      format={limit ? String : secondsToDurationText}
      placeholder={limit ? String(fallback) : secondsToDurationText(fallback)}
      onChange={(v) => ctx.set(key, v)}
      onProblem={ctx.reporter?.(`policy.${key}`)}
      onCommit={ctx.onCommit}
      testId={spec.testId}
    />
  );
}

function FieldRow({ specs, ctx }: { specs: FieldSpec[]; ctx: FieldContext }) {
  return (
    <InlineFieldRow>
      {specs.map((spec) => (
        <PolicyField key={spec.key} spec={spec} ctx={ctx} />
      ))}
    </InlineFieldRow>
  );
}

/** The kind (a switch clears the other kind's overrides) and which forecast line to plan on. */
function KindRow({ ctx, kind, onChange }: { ctx: FieldContext; kind: PolicyKind; onChange: Props['onChange'] }) {
  const left = useRef<Partial<Record<PolicyKind, Partial<ScalingPolicy>>>>({});
  const switchTo = (next: PolicyKind) => {
    left.current[kind] = kindOverrides(ctx.value);
    onChange(switchPolicyKind(ctx.value, next, left.current[next]));
  };
  return (
    <InlineFieldRow>
      <InlineField label="Scaling policy" labelWidth={24} tooltip="How forecast load becomes a replica count." shrink>
        <RadioButtonGroup
          aria-label="Scaling policy"
          className={wrappingRadios}
          options={KIND_OPTIONS}
          value={kind}
          onChange={switchTo}
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
          value={ctx.value.headroom ?? ctx.base.headroom}
          onChange={(v) => ctx.set('headroom', v)}
        />
      </InlineField>
    </InlineFieldRow>
  );
}

/** The effective policy's problem, reported to the editor's run gate (and withdrawn on unmount). */
function usePolicyProblem(policy: Partial<ScalingPolicy>, reporter: Props['reporter']): string | undefined {
  const problem = policyProblem(policy);
  // Reporters are stable per key (useFieldProblems), so these effects run on a change of problem.
  const report = reporter?.('policy');
  useEffect(() => {
    report?.(problem);
  }, [report, problem]);
  useEffect(() => () => report?.(undefined), [report]);
  return problem;
}

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
  const problem = usePolicyProblem({ ...base, ...value }, reporter);
  const ctx: FieldContext = { value, base, set, reporter, onCommit };
  return (
    <>
      <KindRow ctx={ctx} kind={kind} onChange={onChange} />
      <FieldRow specs={kind === 'target' ? TARGET_FIELDS : THRESHOLD_FIELDS} ctx={ctx} />
      <FieldRow specs={REPLICA_FIELDS} ctx={ctx} />
      <FieldRow specs={TIMING_FIELDS} ctx={ctx} />
      {problem && (
        <div role="alert" data-testid={testIds.policy.error}>
          {problem}
        </div>
      )}
    </>
  );
}
