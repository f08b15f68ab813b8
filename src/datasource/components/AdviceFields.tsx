/**
 * The advice section of the query editor (collapsed): this query's scaling policy overrides (empty
 * fields inherit the data source's default policy), the replicas running now, and the retire check.
 */
import { Collapse, InlineFieldRow } from '@grafana/ui';
import React, { useState } from 'react';
import type { ScalingPolicy } from '../../policy/types';
import { testIds } from '../testIds';
import { EDITOR_LIMITS, parseLimitedNumber } from './limits';
import { ParsedField } from './ParsedField';
import { PolicyFields } from './PolicyFields';
import type { SectionProps } from './querySection';

interface Props extends SectionProps {
  /** The data source's default policy: what empty policy fields inherit. */
  inherited?: Partial<ScalingPolicy>;
}

export function AdviceFields({ query, update, flush, reporter, inherited }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <Collapse label="Scaling policy" isOpen={open} onToggle={() => setOpen(!open)}>
      <PolicyFields
        value={query.policy}
        inherited={inherited}
        onChange={(policy) => update({ policy: Object.keys(policy).length > 0 ? policy : undefined })}
        reporter={reporter}
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
          onProblem={reporter('currentReplicas')}
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
          onProblem={reporter('retireThreshold')}
          onCommit={flush}
          testId={testIds.query.retireThreshold}
        />
      </InlineFieldRow>
    </Collapse>
  );
}
