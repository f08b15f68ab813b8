/**
 * The query section of the query editor: the PromQL expression (runs on blur or Shift+Enter only),
 * the legend format and the metric's unit.
 */
import { InlineField, InlineFieldRow, Input } from '@grafana/ui';
import React, { useId } from 'react';
import { testIds } from '../testIds';
import { PromQLField, type PromQLFieldProps } from './PromQLField';
import { enterRuns, type SectionProps } from './querySection';

interface Props extends SectionProps {
  loadSuggestions: PromQLFieldProps['loadSuggestions'];
}

export function QueryFields({ query, update, flush, loadSuggestions }: Props) {
  const ids = { expr: useId(), legend: useId(), unit: useId() };
  return (
    <>
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
            onKeyDown={enterRuns(flush)}
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
            onKeyDown={enterRuns(flush)}
          />
        </InlineField>
      </InlineFieldRow>
    </>
  );
}
