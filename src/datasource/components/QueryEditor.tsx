/**
 * The Foresight query editor. Every input is controlled (it shows what the query holds, inherited
 * defaults as placeholders), changes reach the query as they are typed, and runs are debounced so a
 * burst of edits starts one run (blur and Enter run at once; the PromQL field runs on blur or
 * Shift+Enter only). A field with an invalid value says why under it, and no run starts until it is
 * fixed. The fields live in sections (query, source, forecast, model, advice); this file owns the state.
 */
import type { QueryEditorProps } from '@grafana/data';
import React, { useCallback, useEffect } from 'react';
import { getCompletions } from '../completion';
import type { ForesightDataSource } from '../datasource';
import { migrateQuery, queryNeedsMigration } from '../migrations';
import { testIds } from '../testIds';
import type { ForesightOptions, ForesightQuery } from '../types';
import { AdviceFields } from './AdviceFields';
import { ForecastFields } from './ForecastFields';
import { ForecastSourceFields } from './ForecastSourceFields';
import { ModelFields } from './ModelFields';
import type { PromqlContext } from './promqlContext';
import { QueryFields } from './QueryFields';
import type { RunWhen, SectionProps } from './querySection';
import { useDebouncedRun } from './useDebouncedRun';
import { useFieldProblems } from './useFieldProblems';

export { durationProblem } from './querySection';

type Props = QueryEditorProps<ForesightDataSource, ForesightQuery, ForesightOptions>;

/** The stored query without keys set to undefined (cleared fields inherit again). */
function withoutUndefined(query: ForesightQuery): ForesightQuery {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as ForesightQuery;
}

/**
 * "Not applied until fixed": the specifics are under each field; this says what runs meanwhile. The
 * editor starts no run, but a refresh, a time-range change or a reload runs the query as stored,
 * which holds each field's last valid value: "not run" read as if the panel showed nothing new.
 */
function ProblemsAlert({ count }: { count: number }) {
  const one = count === 1;
  return (
    <div role="alert" data-testid={testIds.query.durationError}>
      Not applied until fixed: {one ? 'one setting is' : `${count} settings are`} invalid (see the message
      {one ? '' : 's'} above); until then the query runs with {one ? 'its' : 'their'} last valid value
      {one ? '' : 's'} (or the default).
    </div>
  );
}

export function QueryEditor({ query: rawQuery, onChange, onRunQuery, datasource }: Props) {
  // What the query holds, upgraded to the current shape; defaults are placeholders, not values.
  const query = migrateQuery(rawQuery);
  const problems = useFieldProblems();
  const { schedule, defer, flush, unblocked } = useDebouncedRun(onRunQuery, problems.hasProblems);
  const valid = problems.problems.length === 0;
  useEffect(() => {
    if (valid) {
      unblocked();
    }
  }, [valid, unblocked]);

  useEffect(() => {
    // Saved queries from older versions are upgraded once, so the dashboard stores the new shape.
    if (queryNeedsMigration(rawQuery)) {
      onChange(migrateQuery(rawQuery));
    }
  }, [rawQuery, onChange]);

  const update = (patch: Partial<ForesightQuery>, when: RunWhen = 'pause') => {
    onChange(withoutUndefined({ ...query, ...patch }));
    if (when === 'pause') {
      schedule();
    } else {
      defer();
    }
  };
  const loadSuggestions = useCallback(
    async (ctx: PromqlContext) => getCompletions(await datasource.getPrometheus(), ctx),
    [datasource]
  );
  const section: SectionProps = { query, update, flush, reporter: problems.reporter };

  return (
    <div data-testid={testIds.query.editor}>
      <QueryFields {...section} loadSuggestions={loadSuggestions} />
      <ForecastSourceFields {...section} />
      {/* A server's forecast was made there: window, horizon, method and model settings are its job's. */}
      {query.forecastFrom !== 'server' && <ForecastFields {...section} />}
      {query.forecastFrom !== 'server' && <ModelFields {...section} />}
      <AdviceFields {...section} inherited={datasource.options?.defaultPolicy} />
      {problems.problems.length > 0 && <ProblemsAlert count={problems.problems.length} />}
    </div>
  );
}
