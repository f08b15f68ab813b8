import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import React from 'react';
import type { ForesightDataSource } from '../datasource';
import { testIds } from '../testIds';
import { QUERY_SCHEMA_VERSION, type ForesightQuery } from '../types';
import { promqlTestIds } from './promqlTestIds';
import { durationProblem, QueryEditor } from './QueryEditor';
import { RUN_DEBOUNCE_MS } from './useDebouncedRun';

const datasource = { options: {} } as unknown as ForesightDataSource;

const base: ForesightQuery = {
  refId: 'A',
  schemaVersion: QUERY_SCHEMA_VERSION,
  expr: 'up',
  trainingWindow: '7d',
  trainingStep: 'auto',
  horizon: '1h',
  method: 'auto',
  modelMode: 'train',
};

/** An editor whose host keeps the query in state, as Grafana does. */
function Host(props: {
  initial: ForesightQuery;
  onRunQuery(): void;
  ds?: ForesightDataSource;
  spy?(q: ForesightQuery): void;
}) {
  const [query, setQuery] = React.useState(props.initial);
  return (
    <QueryEditor
      query={query}
      onChange={(q) => {
        props.spy?.(q);
        setQuery(q);
      }}
      onRunQuery={props.onRunQuery}
      datasource={props.ds ?? datasource}
    />
  );
}

describe('QueryEditor', () => {
  afterEach(() => jest.useRealTimers());

  it('upgrades an old saved query once and shows its values', () => {
    const onChange = jest.fn();
    render(
      <QueryEditor
        query={{ refId: 'A', expr: 'up', window: '14d' } as unknown as ForesightQuery}
        onChange={onChange}
        onRunQuery={jest.fn()}
        datasource={datasource}
      />
    );
    expect(onChange).toHaveBeenCalledWith(
      expect.objectContaining({ trainingWindow: '14d', schemaVersion: QUERY_SCHEMA_VERSION })
    );
    expect(screen.getByTestId(testIds.query.window)).toHaveValue('14d');
    expect(screen.getByTestId(testIds.query.expr)).toHaveValue('up');
  });

  it('shows what the query holds, also after the query changes from outside', () => {
    const { rerender } = render(
      <QueryEditor query={base} onChange={jest.fn()} onRunQuery={jest.fn()} datasource={datasource} />
    );
    rerender(
      <QueryEditor
        query={{ ...base, expr: 'rate(x[5m])', horizon: '6h', legendFormat: '{{job}}' }}
        onChange={jest.fn()}
        onRunQuery={jest.fn()}
        datasource={datasource}
      />
    );
    expect(screen.getByTestId(testIds.query.expr)).toHaveValue('rate(x[5m])');
    expect(screen.getByTestId(testIds.query.horizon)).toHaveValue('6h');
    expect(screen.getByTestId(testIds.query.legend)).toHaveValue('{{job}}');
  });

  it('shows defaults the query does not hold as placeholders, and labels every input', () => {
    const { horizon: _h, trainingStep: _s, ...withoutDefaults } = base;
    render(
      <QueryEditor
        query={withoutDefaults as ForesightQuery}
        onChange={jest.fn()}
        onRunQuery={jest.fn()}
        datasource={datasource}
      />
    );
    const horizon = screen.getByLabelText('Horizon');
    expect(horizon).toHaveAttribute('data-testid', testIds.query.horizon);
    expect(horizon).toHaveValue('');
    expect(horizon).toHaveAttribute('placeholder', '1h');
    expect(screen.getByLabelText('Step')).toHaveAttribute('placeholder', 'auto');
    expect(screen.getByLabelText('PromQL')).toHaveValue('up');
    expect(screen.getByLabelText('Legend')).toBeInTheDocument();
    expect(screen.getByRole('radiogroup', { name: 'Method' })).toBeInTheDocument();
  });

  it('debounces a burst of edits into one run of the last query', () => {
    jest.useFakeTimers();
    const onRunQuery = jest.fn();
    const spy = jest.fn();
    render(<Host initial={base} onRunQuery={onRunQuery} spy={spy} />);
    const horizon = screen.getByTestId(testIds.query.horizon);
    for (const value of ['2h', '3h', '4h', '5h', '6h']) {
      fireEvent.change(horizon, { target: { value } });
      act(() => jest.advanceTimersByTime(100));
    }
    expect(onRunQuery).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(RUN_DEBOUNCE_MS));
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenLastCalledWith(expect.objectContaining({ horizon: '6h' }));
  });

  it('runs at once on blur and on Enter', () => {
    jest.useFakeTimers();
    const onRunQuery = jest.fn();
    render(<Host initial={base} onRunQuery={onRunQuery} />);
    const legend = screen.getByTestId(testIds.query.legend);
    fireEvent.change(legend, { target: { value: '{{job}}' } });
    fireEvent.blur(legend);
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    fireEvent.change(legend, { target: { value: '{{instance}}' } });
    fireEvent.keyDown(legend, { key: 'Enter' });
    expect(onRunQuery).toHaveBeenCalledTimes(2);
    // Blur without a change runs nothing.
    fireEvent.blur(legend);
    act(() => jest.advanceTimersByTime(RUN_DEBOUNCE_MS * 2));
    expect(onRunQuery).toHaveBeenCalledTimes(2);
  });

  it('runs a PromQL edit on blur or Shift+Enter, not on a typing pause', () => {
    jest.useFakeTimers();
    const onRunQuery = jest.fn();
    const spy = jest.fn();
    render(<Host initial={base} onRunQuery={onRunQuery} spy={spy} />);
    const expr = screen.getByTestId(testIds.query.expr);
    fireEvent.change(expr, { target: { value: 'rate(up{job="' } });
    act(() => jest.advanceTimersByTime(RUN_DEBOUNCE_MS * 5));
    expect(spy).toHaveBeenLastCalledWith(expect.objectContaining({ expr: 'rate(up{job="' }));
    expect(onRunQuery).not.toHaveBeenCalled();
    fireEvent.change(expr, { target: { value: 'rate(up[5m])' } });
    fireEvent.keyDown(expr, { key: 'Enter', shiftKey: true });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    fireEvent.change(expr, { target: { value: 'up' } });
    fireEvent.blur(expr);
    expect(onRunQuery).toHaveBeenCalledTimes(2);
  });

  it('explains a bad duration under its field and starts no run until it is fixed', () => {
    jest.useFakeTimers();
    const onRunQuery = jest.fn();
    const spy = jest.fn();
    render(<Host initial={base} onRunQuery={onRunQuery} spy={spy} />);
    const window = screen.getByTestId(testIds.query.window);
    fireEvent.change(window, { target: { value: 'a week' } });
    fireEvent.blur(window);
    act(() => jest.advanceTimersByTime(RUN_DEBOUNCE_MS * 2));
    expect(screen.getByText(/training window: "a week" is not a duration; use e\.g\. 30s, 5m/)).toBeInTheDocument();
    // a refresh still runs the stored query, with the last valid window: said, not "not run"
    expect(screen.getByTestId(testIds.query.durationError)).toHaveTextContent(
      'Not applied until fixed: one setting is invalid (see the message above); until then the query runs with its last valid value (or the default).'
    );
    expect(window).toHaveAttribute('aria-invalid', 'true');
    expect(onRunQuery).not.toHaveBeenCalled();
    expect(spy).not.toHaveBeenCalledWith(expect.objectContaining({ trainingWindow: 'a week' }));

    fireEvent.change(window, { target: { value: '15m' } });
    fireEvent.blur(window);
    expect(screen.queryByTestId(testIds.query.durationError)).not.toBeInTheDocument();
    expect(spy).toHaveBeenLastCalledWith(expect.objectContaining({ trainingWindow: '15m' }));
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    expect(durationProblem('auto', 'step', true)).toBeUndefined();
  });

  it('runs the edit an invalid value held back once the field is cleared, though the query already holds that', () => {
    jest.useFakeTimers();
    const onRunQuery = jest.fn();
    const spy = jest.fn();
    render(<Host initial={{ ...base, horizon: '3h' }} onRunQuery={onRunQuery} spy={spy} />);
    const horizon = screen.getByTestId(testIds.query.horizon);
    fireEvent.change(horizon, { target: { value: '' } }); // the query takes the default
    fireEvent.change(horizon, { target: { value: '-1h' } });
    fireEvent.keyDown(horizon, { key: 'Enter' });
    act(() => jest.advanceTimersByTime(RUN_DEBOUNCE_MS * 2));
    expect(onRunQuery).not.toHaveBeenCalled();
    fireEvent.change(horizon, { target: { value: '' } });
    fireEvent.keyDown(horizon, { key: 'Enter' });
    act(() => jest.advanceTimersByTime(RUN_DEBOUNCE_MS * 2));
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenLastCalledWith(expect.not.objectContaining({ horizon: expect.anything() }));
  });

  it('rejects 0, −1, 1.5 and absurd LSTM settings before any run', () => {
    jest.useFakeTimers();
    const onRunQuery = jest.fn();
    const spy = jest.fn();
    render(<Host initial={base} onRunQuery={onRunQuery} spy={spy} />);
    fireEvent.click(screen.getByText('Advanced (LSTM)'));
    const units = screen.getByTestId(testIds.query.lstmUnits);
    expect(units).toHaveAttribute('placeholder', '16');
    const cases: Array<[string, string]> = [
      ['0', 'LSTM units must be a whole number from 1 to 256 (got 0)'],
      ['-1', 'LSTM units must be a whole number from 1 to 256 (got -1)'],
      ['1.5', 'LSTM units must be a whole number from 1 to 256 (got 1.5)'],
      ['100000', 'LSTM units must be a whole number from 1 to 256 (got 100000)'],
      ['lots', 'LSTM units: "lots" is not a number'],
    ];
    for (const [text, message] of cases) {
      fireEvent.change(units, { target: { value: text } });
      fireEvent.blur(units);
      expect(screen.getAllByText(message).length).toBeGreaterThan(0);
    }
    act(() => jest.advanceTimersByTime(RUN_DEBOUNCE_MS * 2));
    expect(onRunQuery).not.toHaveBeenCalled();
    expect(spy).not.toHaveBeenCalled();
    fireEvent.change(units, { target: { value: '24' } });
    fireEvent.blur(units);
    expect(spy).toHaveBeenLastCalledWith(expect.objectContaining({ lstm: { units: 24 } }));
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('rejects a fractional replica count in the editor, not after training', () => {
    jest.useFakeTimers();
    const onRunQuery = jest.fn();
    render(<Host initial={base} onRunQuery={onRunQuery} />);
    fireEvent.click(screen.getByText('Scaling policy'));
    fireEvent.change(screen.getByTestId(testIds.query.currentReplicas), { target: { value: '2.5' } });
    fireEvent.change(screen.getByTestId(testIds.policy.max), { target: { value: '1' } });
    act(() => jest.advanceTimersByTime(RUN_DEBOUNCE_MS * 2));
    expect(
      screen.getAllByText('Current replicas must be a whole number from 0 to 10,000 (got 2.5)').length
    ).toBeGreaterThan(0);
    // A value that is fine alone but not with the others (min 3 > max 1) blocks the run too.
    expect(screen.getByTestId(testIds.policy.error)).toHaveTextContent(
      '"Min replicas" (3) must not exceed "Max replicas" (1)'
    );
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('offers completions from the wrapped Prometheus and inserts the chosen one', async () => {
    const getResource = jest.fn(async (path: string) =>
      path === 'api/v1/label/__name__/values'
        ? { status: 'success', data: ['http_requests_total', 'node_cpu_seconds_total'] }
        : { status: 'success', data: [] }
    );
    const ds = {
      options: {},
      getPrometheus: async () => ({ name: 'prom', type: 'prometheus', getResource }),
    } as unknown as ForesightDataSource;
    const spy = jest.fn();
    render(<Host initial={{ ...base, expr: '' }} onRunQuery={jest.fn()} ds={ds} spy={spy} />);
    const expr = screen.getByTestId(testIds.query.expr);
    fireEvent.change(expr, { target: { value: 'http', selectionStart: 4 } });
    const option = await screen.findByRole('option', { name: /http_requests_total/ });
    expect(option).toHaveAttribute('aria-selected', 'true');
    expect(expr).toHaveAttribute('aria-expanded', 'true');
    fireEvent.change(expr, { target: { value: 'total', selectionStart: 5 } });
    const second = await screen.findByRole('option', { name: /node_cpu_seconds_total/ });
    fireEvent.keyDown(expr, { key: 'ArrowDown' });
    expect(second).toHaveAttribute('aria-selected', 'true');
    fireEvent.keyDown(expr, { key: 'Escape' });
    expect(screen.queryByRole('option')).not.toBeInTheDocument();
    fireEvent.change(expr, { target: { value: 'http', selectionStart: 4 } });
    await screen.findByRole('option', { name: /http_requests_total/ });
    fireEvent.keyDown(expr, { key: 'Enter' });
    expect(spy).toHaveBeenLastCalledWith(expect.objectContaining({ expr: 'http_requests_total' }));
    await waitFor(() => expect(screen.queryByRole('option')).not.toBeInTheDocument());
  });

  it('says in words when completion is unavailable', async () => {
    const ds = {
      options: {},
      getPrometheus: async () => ({ name: 'Loki', type: 'prometheus' }),
    } as unknown as ForesightDataSource;
    render(<Host initial={{ ...base, expr: '' }} onRunQuery={jest.fn()} ds={ds} />);
    fireEvent.change(screen.getByTestId(testIds.query.expr), { target: { value: 'u', selectionStart: 1 } });
    expect(await screen.findByTestId(promqlTestIds.completionNote)).toHaveTextContent(
      'Completion is off: the data source "Loki" offers no metadata API.'
    );
  });

  it('reads forecasts from a Foresight server: names the job before it runs, and hides model settings', () => {
    jest.useFakeTimers();
    const onRunQuery = jest.fn();
    const spy = jest.fn();
    render(<Host initial={base} onRunQuery={onRunQuery} spy={spy} />);
    expect(screen.getByTestId(testIds.query.modelRef)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('radio', { name: 'Foresight server' }));
    expect(spy).toHaveBeenLastCalledWith(expect.objectContaining({ forecastFrom: 'server' }));
    expect(screen.queryByTestId(testIds.query.modelRef)).not.toBeInTheDocument();
    expect(screen.queryByTestId(testIds.query.horizon)).not.toBeInTheDocument();
    act(() => jest.advanceTimersByTime(RUN_DEBOUNCE_MS + 50));
    expect(onRunQuery).not.toHaveBeenCalled();
    expect(screen.getByText("Name the server's job (as in its config).")).toBeInTheDocument();
    const job = screen.getByTestId(testIds.query.serverJob);
    fireEvent.change(job, { target: { value: 'checkout-requests' } });
    fireEvent.blur(job);
    expect(spy).toHaveBeenLastCalledWith(expect.objectContaining({ serverJob: 'checkout-requests' }));
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });
});
